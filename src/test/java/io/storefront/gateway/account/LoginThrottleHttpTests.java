package io.storefront.gateway.account;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import io.storefront.gateway.FromAddress;
import io.storefront.gateway.FromAddress.Answer;
import io.storefront.gateway.AllAtOnce;
import io.storefront.gateway.GatewayHttpTest;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Log-in throttling at its production limits, from several real client addresses (loopback addresses of this
 * machine): every attempt is counted before the password is checked, counts are per email and address so that
 * nobody can lock the owner out from elsewhere, one address is limited across emails and in sign-ups, and a
 * forwarded address is believed only from a trusted proxy.
 */
@GatewayHttpTest
@TestPropertySource(properties = { "storefront.security.login-throttle.per-address=100",
		"storefront.security.login-throttle.sign-ups-per-address=20",
		"storefront.graphql.trusted-proxies=127.0.0.9/32",
		// what is counted here is the throttle alone: hashing has room for the whole burst
		"storefront.security.password-hashing.max-waiting=100" })
class LoginThrottleHttpTests {

	static final String LOG_IN = "mutation($input: LogInInput!) { logIn(input: $input) { token } }";

	static final String SIGN_UP = "mutation($input: SignUpInput!) { signUp(input: $input) { token } }";

	static final String PASSWORD = "the right one";

	@LocalServerPort
	int port;

	@Test
	void aBurstOfSixtyWrongGuessesGetsTenChecks() throws Exception {
		String email = account();
		FromAddress attacker = new FromAddress("127.0.0.2", this.port);

		List<Answer> answers = burst(attacker, email, 60, false);

		assertThat(answers).filteredOn((answer) -> "UNAUTHENTICATED".equals(answer.code())).hasSize(10);
		assertThat(answers).filteredOn((answer) -> "TOO_MANY_REQUESTS".equals(answer.code())).hasSize(50);
		assertThat(logIn(attacker, email, PASSWORD, Map.of()).code()).isEqualTo("TOO_MANY_REQUESTS");
	}

	/**
	 * The right password gets a token only if it is among the attempts the limit lets through; its success frees
	 * one check, not a fresh budget, so at most 10 wrong guesses are ever checked.
	 */
	@Test
	void aBurstWithTheRightPasswordInItChecksAtMostTenWrongOnes() throws Exception {
		String email = account();
		FromAddress attacker = new FromAddress("127.0.0.12", this.port);

		List<Answer> answers = burst(attacker, email, 60, true);

		long wrong = answers.stream().filter((answer) -> "UNAUTHENTICATED".equals(answer.code())).count();
		long right = answers.stream().filter((answer) -> answer.code() == null).count();
		assertThat(wrong).isBetween(9L, 10L);
		assertThat(wrong + right).isBetween(10L, 11L);
		assertThat(answers).filteredOn((answer) -> "TOO_MANY_REQUESTS".equals(answer.code()))
			.hasSize((int) (60 - wrong - right));
	}

	@Test
	void anAttackerAtOneAddressCannotLockTheOwnerOutAtAnother() {
		String email = account();
		FromAddress attacker = new FromAddress("127.0.0.3", this.port);
		for (int i = 0; i < 10; i++) {
			assertThat(logIn(attacker, email, "guess " + i, Map.of()).code()).isEqualTo("UNAUTHENTICATED");
		}
		Answer locked = logIn(attacker, email, PASSWORD, Map.of());
		assertThat(locked.code()).isEqualTo("TOO_MANY_REQUESTS");
		long retryAfter = locked.body().path("errors").path(0).path("extensions").path("retryAfter").asLong();
		assertThat(retryAfter).isBetween(890L, 901L);
		assertThat(locked.headers()).containsEntry("retry-after", String.valueOf(retryAfter));

		Answer owner = logIn(new FromAddress("127.0.0.4", this.port), email, PASSWORD, Map.of());

		assertThat(owner.code()).isNull();
		assertThat(owner.body().path("data").path("logIn").path("token").asString()).isNotBlank();
	}

	@Test
	void theOwnersSuccessesDoNotCountButTheirTyposDo() {
		String email = account();
		FromAddress owner = new FromAddress("127.0.0.10", this.port);
		for (int i = 0; i < 15; i++) {
			assertThat(logIn(owner, email, PASSWORD, Map.of()).code()).isNull();
		}
		for (int i = 0; i < 10; i++) {
			assertThat(logIn(owner, email, "typo " + i, Map.of()).code()).isEqualTo("UNAUTHENTICATED");
		}

		assertThat(logIn(owner, email, PASSWORD, Map.of()).code()).isEqualTo("TOO_MANY_REQUESTS");
	}

	@Test
	void oneAddressIsLimitedAcrossEveryEmail() {
		String real = account();
		FromAddress sprayer = new FromAddress("127.0.0.5", this.port);
		for (int i = 0; i < 100; i++) {
			assertThat(logIn(sprayer, "victim-" + i + "-" + new ObjectId() + "@example.com", "Summer2026!", Map.of())
				.code()).isEqualTo("UNAUTHENTICATED");
		}

		assertThat(logIn(sprayer, real, PASSWORD, Map.of()).code()).isEqualTo("TOO_MANY_REQUESTS");
		assertThat(logIn(new FromAddress("127.0.0.11", this.port), real, PASSWORD, Map.of()).code()).isNull();
	}

	@Test
	void oneAddressIsLimitedInSignUps() {
		FromAddress farm = new FromAddress("127.0.0.6", this.port);
		for (int i = 0; i < 20; i++) {
			assertThat(signUp(farm, "farmed-" + new ObjectId() + "@example.com").code()).isNull();
		}
		Answer refused = signUp(farm, "farmed-" + new ObjectId() + "@example.com");

		assertThat(refused.code()).isEqualTo("TOO_MANY_REQUESTS");
		assertThat(refused.body().path("errors").path(0).path("extensions").path("retryAfter").asLong())
			.isBetween(3500L, 3601L);
		assertThat(refused.body().path("data").path("signUp").isNull()).isTrue();
	}

	@Test
	void forwardedAddressesFromAnUntrustedPeerAreIgnored() {
		String email = account();
		FromAddress attacker = new FromAddress("127.0.0.7", this.port);
		for (int i = 0; i < 10; i++) {
			assertThat(logIn(attacker, email, "guess " + i, Map.of("X-Forwarded-For", "203.0.113." + i)).code())
				.isEqualTo("UNAUTHENTICATED");
		}

		assertThat(logIn(attacker, email, PASSWORD, Map.of("X-Forwarded-For", "198.51.100.99")).code())
			.isEqualTo("TOO_MANY_REQUESTS");
	}

	@Test
	void aTrustedProxysForwardedAddressIsTheClient() {
		String email = account();
		FromAddress proxy = new FromAddress("127.0.0.9", this.port);
		for (int i = 0; i < 10; i++) {
			logIn(proxy, email, "guess " + i, Map.of("X-Forwarded-For", "203.0.113.7"));
		}
		assertThat(logIn(proxy, email, PASSWORD, Map.of("X-Forwarded-For", "203.0.113.7")).code())
			.isEqualTo("TOO_MANY_REQUESTS");
		// what the client wrote itself, left of what the proxy appended, is not believed
		assertThat(logIn(proxy, email, PASSWORD, Map.of("X-Forwarded-For", "198.51.100.4, 203.0.113.7")).code())
			.isEqualTo("TOO_MANY_REQUESTS");

		assertThat(logIn(proxy, email, PASSWORD, Map.of("X-Forwarded-For", "198.51.100.4")).code()).isNull();
	}

	private static List<Answer> burst(FromAddress from, String email, int size, boolean withTheRightOne)
			throws Exception {
		List<String> passwords = new ArrayList<>();
		for (int i = (withTheRightOne ? 1 : 0); i < size; i++) {
			passwords.add("wrong guess " + i);
		}
		if (withTheRightOne) {
			passwords.add(PASSWORD);
		}
		Collections.shuffle(passwords);
		return AllAtOnce.run(passwords.stream()
			.map((password) -> (Callable<Answer>) () -> logIn(from, email, password, Map.of()))
			.toList());
	}

	private String account() {
		String email = "throttled-" + new ObjectId() + "@example.com";
		assertThat(signUp(new FromAddress("127.0.0.1", this.port), email).code()).isNull();
		return email;
	}

	private static Answer signUp(FromAddress from, String email) {
		return from.post(SIGN_UP, Map.of("input", Map.of("email", email, "password", PASSWORD, "name", "T")));
	}

	private static Answer logIn(FromAddress from, String email, String password, Map<String, String> headers) {
		return from.post(LOG_IN, Map.of("input", Map.of("email", email, "password", password)), headers);
	}

}
