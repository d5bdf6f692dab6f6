package io.storefront.gateway.graphql;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.function.Consumer;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import io.storefront.gateway.DemoUsers;
import io.storefront.gateway.GatewayClient;
import io.storefront.gateway.StorefrontApplication;
import io.storefront.gateway.kernel.Sha256;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;



/**
 * Settings an operator changes per deployment: the safelist of persisted operations, CORS origins, whether
 * denials name their rule, and an external identity provider in place of the built-in token issuer.
 */
class DeploymentModesTests {

	static final String PRODUCT = "query productName { product(id: \"695b7d900000000000000001\") { name } }";

	@Test
	void inSafelistModeOnlyTheManifestsOperationsRun(@TempDir Path dir) throws Exception {
		Path manifest = dir.resolve("manifest.json");
		Files.writeString(manifest, JsonMapper.builder().build().writeValueAsString(Map.of("format",
				"apollo-persisted-query-manifest", "version", 1, "operations", java.util.List.of(Map.of("id",
						Sha256.hex(PRODUCT), "name", "productName", "type", "query", "body", PRODUCT)))));
		try (ConfigurableApplicationContext context = start("--storefront.graphql.persisted-queries.mode=SAFELIST",
				"--storefront.graphql.persisted-queries.manifest=file:" + manifest)) {
			int port = port(context);
			String byHash = "{\"extensions\": {\"persistedQuery\": {\"version\": 1, \"sha256Hash\": \""
					+ Sha256.hex(PRODUCT) + "\"}}}";

			post(port, byHash).jsonPath("$.data.product.name").isEqualTo("Espresso Beans");
			post(port, JsonMapper.builder().build().writeValueAsString(Map.of("query", PRODUCT)))
				.jsonPath("$.data.product.name")
				.isEqualTo("Espresso Beans");
			post(port, "{\"query\": \"{ products { edges { cursor } } }\"}").jsonPath("$.errors[0].extensions.code")
				.isEqualTo("PERSISTED_QUERY_NOT_FOUND")
				.jsonPath("$.data")
				.doesNotExist();
		}
	}

	@Test
	void theRuleOfADenialCanBeKeptQuiet() {
		try (ConfigurableApplicationContext context = start("--storefront.security.explain-denials=false")) {
			post(port(context), "{\"query\": \"{ product(id: \\\"695b7d900000000000000001\\\") { name stock } }\"}")
				.jsonPath("$.data.product.name")
				.isEqualTo("Espresso Beans")
				.jsonPath("$.errors[0].extensions.code")
				.isEqualTo("UNAUTHENTICATED")
				.jsonPath("$.errors[0].extensions.rule")
				.doesNotExist();
		}
	}

	@Test
	void corsAllowsOnlyTheConfiguredOrigins() {
		try (ConfigurableApplicationContext context = start(
				"--spring.graphql.cors.allowed-origin-patterns=https://shop.example", "--spring.graphql.cors.allowed-methods=POST")) {
			int port = port(context);

			preflight(port, "https://shop.example").expectStatus()
				.isOk()
				.expectHeader()
				.valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "https://shop.example");
			preflight(port, "https://evil.example").expectStatus().isForbidden();
		}
	}

	@Test
	void devAllowsLocalhostAndNothingElse() {
		try (ConfigurableApplicationContext context = start()) {
			preflight(port(context), "http://localhost:3000").expectStatus().isOk();
			preflight(port(context), "https://shop.example").expectStatus().isForbidden();
		}
	}

	@Test
	void outsideDevNoOriginIsAllowedByDefault() {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(StorefrontApplication.class)
			.properties("server.port=0")
			.run()) {
			// no CORS configuration at all: nothing grants an origin, so a browser refuses the cross-origin call
			preflight(port(context), "http://localhost:3000").expectHeader()
				.doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);
		}
	}

	@Test
	void anExternalIssuersTokenSignsInItsUserAndOurOwnIsNoLongerAccepted(@TempDir Path dir) throws Exception {
		RSAKey idp = new RSAKeyGenerator(2048).keyID("idp-1").generate();
		Path publicKey = dir.resolve("idp.pem");
		Files.writeString(publicKey, "-----BEGIN PUBLIC KEY-----\n"
				+ Base64.getMimeEncoder().encodeToString(idp.toPublicKey().getEncoded()) + "\n-----END PUBLIC KEY-----\n");
		try (ConfigurableApplicationContext context = start(
				"--spring.security.oauth2.resourceserver.jwt.public-key-location=file:" + publicKey)) {
			int port = port(context);
			String carol = "64a000000000000000000003";

			me(port, sign(idp, carol)).expectStatus()
				.isOk()
				.expectBody()
				.jsonPath("$.data.me.id")
				.isEqualTo(carol)
				.jsonPath("$.data.me.roles")
				.isEqualTo(java.util.List.of("CUSTOMER"));
			me(port, sign(new RSAKeyGenerator(2048).generate(), carol)).expectStatus().isUnauthorized();
			// a user that does not exist
			me(port, sign(idp, "64a0000000000000000000ff")).expectStatus().isUnauthorized();
			String builtIn = GatewayClient.graphQl(port)
				.documentName("logIn")
				.variable("input", Map.of("email", "carol@storefront.example", "password", DemoUsers.PASSWORD))
				.execute()
				.path("logIn.token")
				.entity(String.class)
				.get();
			// the built-in issuer's own token, once an external issuer verifies tokens
			me(port, builtIn).expectStatus().isUnauthorized();
		}
	}

	private static String sign(RSAKey key, String subject) {
		JwtClaimsSet claims = JwtClaimsSet.builder()
			.issuer("https://idp.example")
			.subject(subject)
			.issuedAt(Instant.now())
			.expiresAt(Instant.now().plusSeconds(300))
			.build();
		return new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(key)))
			.encode(JwtEncoderParameters.from(JwsHeader.with(SignatureAlgorithm.RS256).build(),
					claims))
			.getTokenValue();
	}

	private static org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec me(int port,
			String token) {
		return send(port, "{\"query\": \"{ me { id roles } }\"}",
				(headers) -> headers.setBearerAuth(token));
	}

	private static ConfigurableApplicationContext start(String... args) {
		return new SpringApplicationBuilder(StorefrontApplication.class).properties("server.port=0")
			.profiles("dev")
			.run(args);
	}

	private static int port(ConfigurableApplicationContext context) {
		return ((WebServerApplicationContext) context).getWebServer().getPort();
	}

	private static org.springframework.test.web.reactive.server.WebTestClient.BodyContentSpec post(int port,
			String body) {
		return send(port, body, (headers) -> {
		}).expectBody();
	}

	private static org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec send(int port, String body,
			Consumer<HttpHeaders> headers) {
		return GatewayClient.http(port)
			.post()
			.uri("/graphql")
			.header(HttpHeaders.CONTENT_TYPE, "application/json")
			.headers(headers)
			.bodyValue(body)
			.exchange();
	}

	private static org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec preflight(int port,
			String origin) {
		return GatewayClient.http(port)
			.method(HttpMethod.OPTIONS)
			.uri("/graphql")
			.header(HttpHeaders.ORIGIN, origin)
			.header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
			.exchange();
	}

}
