package io.storefront.gateway.security;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import javax.crypto.spec.SecretKeySpec;

import com.nimbusds.jose.jwk.source.ImmutableSecret;
import io.storefront.gateway.DemoUsers;
import io.storefront.gateway.GatewayClient;
import io.storefront.gateway.GatewayHttpTest;
import io.storefront.gateway.StoreSnapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bearer tokens: none means anonymous; one that is tampered in any part, unsigned, signed with another key,
 * from another issuer or expired gets HTTP 401 with a GraphQL-shaped body, and nothing is executed.
 */
@GatewayHttpTest
class TokenTests {

	static final String TEST_SECRET = "test-only-secret-0123456789abcdef0123456789abcdef";

	static final String SIGN_UP = """
			{"query": "mutation { signUp(input: {email: \\"%s\\", password: \\"long enough\\", name: \\"Eve\\"}) { token } }"}""";

	@LocalServerPort
	int port;

	@Autowired
	MongoOperations mongo;

	@Test
	void noTokenIsAnonymous() {
		GatewayClient.graphQl(this.port).document("{ me { id } product(id: \"695b7d900000000000000001\") { sku } }")
			.execute()
			.errors()
			.satisfy((errors) -> assertThat(errors).singleElement()
				.satisfies((error) -> assertThat(error.getExtensions()).containsEntry("code", "UNAUTHENTICATED")))
			.path("product.sku")
			.entity(String.class)
			.isEqualTo("COF-001");
	}

	@Test
	void validTokenSignsIn() {
		DemoUsers.CAROL.graphQl(this.port).document("{ me { id } }").execute().path("me.id").entity(String.class)
			.isEqualTo(DemoUsers.CAROL.id());
	}

	@Test
	void tokenFromLogInCarriesSubjectRolesIssuerAndExpiry() {
		String[] parts = DemoUsers.SUPPORT.token(this.port).split("\\.");
		String header = decode(parts[0]);
		String claims = decode(parts[1]);

		assertThat(header).contains("\"alg\":\"HS256\"");
		assertThat(claims).contains("\"sub\":\"" + DemoUsers.SUPPORT.id() + "\"", "\"iss\":\"storefront-gateway\"",
				"\"roles\":[\"CUSTOMER\",\"SUPPORT\"]", "\"exp\":");
	}

	@ParameterizedTest
	@ValueSource(strings = { "header", "payload", "signature", "none", "otherKey", "otherIssuer", "expired",
			"garbage", "empty" })
	void badTokenIsRefusedWith401AndNothingRuns(String how) {
		String token = badToken(how);
		StoreSnapshot before = StoreSnapshot.of(this.mongo, "users");

		GatewayClient.http(this.port)
			.post()
			.uri("/graphql")
			.contentType(MediaType.APPLICATION_JSON)
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.bodyValue(SIGN_UP.formatted("eve-" + how + "@example.com"))
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.exists(HttpHeaders.WWW_AUTHENTICATE)
			.expectBody()
			.jsonPath("$.errors[0].extensions.code")
			.isEqualTo("UNAUTHENTICATED")
			.jsonPath("$.errors[0].extensions.classification")
			.isEqualTo("UNAUTHORIZED")
			.jsonPath("$.data")
			.doesNotExist();

		assertThat(StoreSnapshot.of(this.mongo, "users")).isEqualTo(before);
	}

	private String badToken(String how) {
		String valid = DemoUsers.CAROL.token(this.port);
		String[] parts = valid.split("\\.");
		return switch (how) {
			case "header" -> encode(decode(parts[0]).replace("HS256", "HS384")) + "." + parts[1] + "." + parts[2];
			case "payload" -> parts[0] + "." + encode(decode(parts[1]).replace("\"CUSTOMER\"", "\"ADMIN\"")) + "."
					+ parts[2];
			case "signature" -> parts[0] + "." + parts[1] + "." + flipFirst(parts[2]);
			case "none" -> encode("{\"alg\":\"none\"}") + "." + encode(decode(parts[1]).replace("\"CUSTOMER\"",
					"\"ADMIN\"")) + ".";
			case "otherKey" -> sign("another-secret-of-thirty-two-bytes-or-more!!", "storefront-gateway",
					Instant.now().plusSeconds(600));
			case "otherIssuer" -> sign(TEST_SECRET, "someone-else", Instant.now().plusSeconds(600));
			case "expired" -> sign(TEST_SECRET, "storefront-gateway", Instant.now().minus(Duration.ofMinutes(5)));
			case "garbage" -> "not-a-token";
			default -> "";
		};
	}

	private static String sign(String secret, String issuer, Instant expiresAt) {
		NimbusJwtEncoder encoder = new NimbusJwtEncoder(
				new ImmutableSecret<>(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256")));
		JwtClaimsSet claims = JwtClaimsSet.builder()
			.issuer(issuer)
			.subject(DemoUsers.ADMIN.id())
			.issuedAt(expiresAt.minus(Duration.ofHours(1)))
			.expiresAt(expiresAt)
			.claim("roles", List.of("ADMIN"))
			.build();
		return encoder.encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims))
			.getTokenValue();
	}

	private static String flipFirst(String part) {
		char first = part.charAt(0);
		return ((first == 'A') ? 'B' : 'A') + part.substring(1);
	}

	private static String decode(String part) {
		return new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
	}

	private static String encode(String json) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
	}

}
