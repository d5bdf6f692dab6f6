package io.storefront.gateway.security;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import javax.crypto.spec.SecretKeySpec;

import com.nimbusds.jose.jwk.source.ImmutableSecret;
import io.storefront.gateway.DemoUsers;
import io.storefront.gateway.GatewayClient;
import io.storefront.gateway.GatewayHttpTest;
import io.storefront.gateway.MongoCommandLog;
import io.storefront.gateway.Shopper;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A token is only as good as its user is now: a role change, {@code logOut} and {@code logOutEverywhere} reach
 * every earlier token at once, a token of a user who does not exist or without an expiry is refused, and all of
 * it costs at most one read of the user per few seconds.
 */
@GatewayHttpTest
class SessionHttpTests {

	static final String USERS = "{ users(first: 1) { edges { node { id } } } }";

	static final String PRODUCT = "{ product(id: \"695b7d900000000000000001\") { name } }";

	@LocalServerPort
	int port;

	@Autowired
	MongoOperations mongo;

	@Autowired
	MongoCommandLog commands;

	@Test
	void aDemotedSupportUsersEarlierTokenLosesTheRightAtOnce() {
		Shopper staff = Shopper.signUp(this.port);
		setRoles(staff.id(), "CUSTOMER", "SUPPORT");
		HttpGraphQlTester token = logIn(staff.email());
		token.document(USERS).execute().errors().verify();

		setRoles(staff.id(), "CUSTOMER");

		token.document(USERS).execute().errors().satisfy((errors) -> assertThat(errors).singleElement()
			.satisfies((error) -> assertThat(error.getExtensions()).containsEntry("code", "FORBIDDEN")));
		token.document("{ me { roles } }").execute().path("me.roles").entityList(String.class)
			.containsExactly("CUSTOMER");
	}

	@Test
	void aPromotedUsersEarlierTokenCarriesTheNewRight() {
		Shopper customer = Shopper.signUp(this.port);
		customer.graphQl().document(USERS).execute().errors().satisfy((errors) -> assertThat(errors).hasSize(1));

		setRoles(customer.id(), "CUSTOMER", "SUPPORT");

		customer.graphQl().document(USERS).execute().errors().verify();
	}

	@Test
	void aRoleChangeMadeByAnotherGatewayReachesThisOneWithinSeconds() throws Exception {
		Shopper staff = Shopper.signUp(this.port);
		setRoles(staff.id(), "CUSTOMER", "SUPPORT");
		HttpGraphQlTester token = logIn(staff.email());
		token.document(USERS).execute().errors().verify();
		Instant changed = Instant.now();
		// written straight to the store, as another gateway would, so this gateway's cache is not told
		this.mongo.updateFirst(Query.query(Criteria.where("_id").is(new ObjectId(staff.id()))),
				new Update().set("roles", List.of("CUSTOMER")), "users");

		while (token.document(USERS).execute().returnResponse().getErrors().isEmpty()) {
			assertThat(Duration.between(changed, Instant.now())).isLessThan(Duration.ofSeconds(5));
			Thread.sleep(100);
		}
	}

	@Test
	void aTokenFromASignInOnAnotherGatewayIsAcceptedAtOnce() {
		Shopper shopper = Shopper.signUp(this.port);
		shopper.graphQl().document("{ me { id } }").execute().errors().verify();
		// another gateway signs the shopper in: it records the session and issues a token this one has not seen
		this.mongo.updateFirst(Query.query(Criteria.where("_id").is(new ObjectId(shopper.id()))),
				new Update().push("sessions", new org.bson.Document("id", "from-elsewhere").append("expiresAt",
						java.util.Date.from(Instant.now().plusSeconds(600)))),
				"users");

		assertAccepted(sign(Map.of("sub", shopper.id(), "sid", "from-elsewhere", "exp", Instant.now().plusSeconds(600))));
	}

	@Test
	void logOutEndsThisTokenOnly() {
		Shopper shopper = Shopper.signUp(this.port);
		String phone = token(shopper.email());
		HttpGraphQlTester laptop = logIn(shopper.email());

		client(phone).documentName("logOut").operationName("logOut").execute().path("logOut").entity(Boolean.class)
			.isEqualTo(true);

		assertRefused(phone);
		laptop.document("{ me { id } }").execute().path("me.id").entity(String.class).isEqualTo(shopper.id());
	}

	@Test
	void logOutEverywhereEndsEveryTokenButNotTheNextSignIn() {
		Shopper shopper = Shopper.signUp(this.port);
		String phone = token(shopper.email());
		String laptop = token(shopper.email());

		client(laptop).documentName("logOut").operationName("logOutEverywhere").execute().path("logOutEverywhere")
			.entity(Boolean.class).isEqualTo(true);

		assertRefused(phone);
		assertRefused(laptop);
		assertRefused(shopper.token());
		logIn(shopper.email()).document("{ me { id } }").execute().path("me.id").entity(String.class)
			.isEqualTo(shopper.id());
	}

	@Test
	void aTokenForAUserWhoDoesNotExistIsRefused() {
		assertRefused(sign(Map.of("sub", new ObjectId().toHexString(), "sid", "made-up", "exp",
				Instant.now().plusSeconds(600))));
	}

	@Test
	void aTokenWithoutExpiryIsRefusedEvenForAnOpenSession() {
		Shopper shopper = Shopper.signUp(this.port);
		String session = claim(shopper.token(), "sid");

		assertRefused(sign(Map.of("sub", shopper.id(), "sid", session)));
		assertAccepted(sign(Map.of("sub", shopper.id(), "sid", session, "exp", Instant.now().plusSeconds(600))));
	}

	@Test
	void aTokenOfThisIssuerWithoutASessionIsRefused() {
		Shopper shopper = Shopper.signUp(this.port);

		assertRefused(sign(Map.of("sub", shopper.id(), "exp", Instant.now().plusSeconds(600))));
	}

	@Test
	void aUserIsReadAtMostOncePerRecheckInterval() {
		Shopper shopper = Shopper.signUp(this.port);
		HttpGraphQlTester token = logIn(shopper.email());
		int mark = this.commands.mark();
		Instant start = Instant.now();

		for (int i = 0; i < 20; i++) {
			token.document(PRODUCT).execute().errors().verify();
		}

		long intervals = Duration.between(start, Instant.now()).toMillis() / 2000 + 1;
		assertThat(this.commands.since(mark, "users")).hasSizeLessThanOrEqualTo((int) intervals);
	}

	private void setRoles(String userId, String... roles) {
		DemoUsers.ADMIN.graphQl(this.port)
			.documentName("setUserRoles")
			.variable("userId", userId)
			.variable("roles", List.of(roles))
			.execute()
			.errors()
			.verify();
	}

	private HttpGraphQlTester logIn(String email) {
		return client(token(email));
	}

	private String token(String email) {
		return GatewayClient.graphQl(this.port)
			.documentName("logIn")
			.variable("input", Map.of("email", email, "password", "long enough"))
			.execute()
			.path("logIn.token")
			.entity(String.class)
			.get();
	}

	private HttpGraphQlTester client(String token) {
		return GatewayClient.graphQl(this.port).mutate().header(HttpHeaders.AUTHORIZATION, "Bearer " + token).build();
	}

	private void assertRefused(String token) {
		post(token, PRODUCT).expectStatus()
			.isUnauthorized()
			.expectBody()
			.jsonPath("$.errors[0].extensions.code")
			.isEqualTo("UNAUTHENTICATED")
			.jsonPath("$.data")
			.doesNotExist();
	}

	private void assertAccepted(String token) {
		post(token, "{ me { id } }").expectStatus().isOk().expectBody().jsonPath("$.data.me.id").exists();
	}

	private WebTestClient.ResponseSpec post(String token, String query) {
		return GatewayClient.http(this.port)
			.post()
			.uri("/graphql")
			.contentType(MediaType.APPLICATION_JSON)
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.bodyValue(Map.of("query", query))
			.exchange();
	}

	private static String sign(Map<String, Object> claims) {
		NimbusJwtEncoder encoder = new NimbusJwtEncoder(new ImmutableSecret<>(
				new SecretKeySpec(TokenTests.TEST_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256")));
		JwtClaimsSet.Builder set = JwtClaimsSet.builder().issuer("storefront-gateway").issuedAt(Instant.now());
		claims.forEach(set::claim);
		return encoder.encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), set.build()))
			.getTokenValue();
	}

	private static String claim(String token, String name) {
		String payload = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
		return JsonMapper.builder().build().readTree(payload).path(name).asString();
	}

}
