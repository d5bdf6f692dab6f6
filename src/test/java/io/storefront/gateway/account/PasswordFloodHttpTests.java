package io.storefront.gateway.account;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.MeterRegistry;
import io.storefront.gateway.DemoUsers;
import io.storefront.gateway.FromAddress;
import io.storefront.gateway.FromAddress.Answer;
import io.storefront.gateway.AllAtOnce;
import io.storefront.gateway.GatewayHttpTest;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A flood of log-ins with a real (slower) password hash: hashing is rationed, the excess is refused at once with
 * {@code retryAfter}, the catalog keeps answering beside it, and the owner's correct log-in gets through by
 * retrying as told. How the catalog's latency holds up is measured by the benchmark (README, "Performance under a
 * log-in flood"), not here.
 */
@GatewayHttpTest
@TestPropertySource(properties = { "storefront.security.password-strength=10",
		"storefront.security.password-hashing.max-concurrent=1", "storefront.security.password-hashing.max-waiting=2",
		"storefront.security.password-hashing.max-wait=300ms",
		"storefront.security.password-hashing.max-per-address=1" })
class PasswordFloodHttpTests {

	static final String PRODUCT = "{ product(id: \"695b7d900000000000000001\") { name price { amount } } }";

	@LocalServerPort
	int port;

	@Autowired
	MeterRegistry meters;

	@Test
	void aLogInFloodIsRationedAndTheCatalogStillAnswers() throws Exception {
		FromAddress flood = new FromAddress("127.0.0.20", this.port);
		FromAddress shopper = new FromAddress("127.0.0.21", this.port);
		AtomicInteger mostAtOnce = new AtomicInteger();
		AtomicBoolean flooding = new AtomicBoolean(true);
		Thread watcher = new Thread(() -> {
			while (flooding.get()) {
				mostAtOnce.accumulateAndGet((int) this.meters.get("storefront.password.hashes.active").gauge().value(),
						Math::max);
				java.util.concurrent.locks.LockSupport.parkNanos(200_000);
			}
		});
		watcher.start();
		List<Callable<Answer>> calls = new ArrayList<>();
		for (int i = 0; i < 30; i++) {
			calls.add(() -> flood.post(LoginThrottleHttpTests.LOG_IN, Map.of("input",
					Map.of("email", "flood-" + new ObjectId() + "@example.com", "password", "wrong password"))));
		}
		calls.add(() -> shopper.post(PRODUCT, Map.of()));

		List<Answer> answers = AllAtOnce.run(calls);
		flooding.set(false);
		watcher.join();

		Answer catalog = answers.get(answers.size() - 1);
		assertThat(catalog.code()).isNull();
		assertThat(catalog.body().path("data").path("product").path("name").asString()).isEqualTo("Espresso Beans");
		List<Answer> logIns = answers.subList(0, 30);
		assertThat(logIns).allSatisfy((answer) -> assertThat(answer.code()).isIn("UNAUTHENTICATED", "TOO_MANY_REQUESTS"));
		assertThat(logIns).filteredOn((answer) -> "TOO_MANY_REQUESTS".equals(answer.code()))
			.isNotEmpty()
			.allSatisfy((answer) -> {
				assertThat(answer.body().path("errors").path(0).path("extensions").path("retryAfter").asLong())
					.isEqualTo(1);
				assertThat(answer.headers()).containsEntry("retry-after", "1");
			});
		assertThat(mostAtOnce.get()).isEqualTo(1);
		assertThat(this.meters.get("storefront.password.hashes.refused").counter().count()).isPositive();
	}

	@Test
	void theOwnersLogInGetsThroughAFloodByRetryingAsTold() throws Exception {
		FromAddress flood = new FromAddress("127.0.0.22", this.port);
		FromAddress owner = new FromAddress("127.0.0.23", this.port);
		AtomicBoolean flooding = new AtomicBoolean(true);
		List<Thread> flooders = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			Thread flooder = new Thread(() -> {
				while (flooding.get()) {
					flood.post(LoginThrottleHttpTests.LOG_IN, Map.of("input",
							Map.of("email", "flood-" + new ObjectId() + "@example.com", "password", "wrong password")));
				}
			});
			flooder.start();
			flooders.add(flooder);
		}
		try {
			Answer answer = null;
			for (int attempt = 0; attempt < 20; attempt++) {
				answer = owner.post(LoginThrottleHttpTests.LOG_IN,
						Map.of("input", Map.of("email", DemoUsers.CAROL.email(), "password", DemoUsers.PASSWORD)));
				if (!"TOO_MANY_REQUESTS".equals(answer.code())) {
					break;
				}
				long retryAfter = answer.body().path("errors").path(0).path("extensions").path("retryAfter").asLong();
				assertThat(retryAfter).as("the owner's own attempts are not used up by the flood").isEqualTo(1);
				Thread.sleep(1000 * retryAfter);
			}
			assertThat(answer.code()).isNull();
			assertThat(answer.body().path("data").path("logIn").path("token").asString()).isNotBlank();
		}
		finally {
			flooding.set(false);
			for (Thread flooder : flooders) {
				flooder.join();
			}
		}
	}

}
