package io.storefront.gateway.graphql;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.storefront.gateway.GatewayClient;
import io.storefront.gateway.StorefrontApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import static org.assertj.core.api.Assertions.assertThat;

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
						PersistedOperations.sha256(PRODUCT), "name", "productName", "type", "query", "body", PRODUCT)))));
		try (ConfigurableApplicationContext context = start("--storefront.graphql.persisted-queries.mode=SAFELIST",
				"--storefront.graphql.persisted-queries.manifest=file:" + manifest)) {
			int port = port(context);
			String byHash = "{\"extensions\": {\"persistedQuery\": {\"version\": 1, \"sha256Hash\": \""
					+ PersistedOperations.sha256(PRODUCT) + "\"}}}";

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
	void anExternalIssuerReplacesTheBuiltInDecoder() {
		try (ConfigurableApplicationContext context = start(
				"--spring.security.oauth2.resourceserver.jwt.jwk-set-uri=http://127.0.0.1:9/.well-known/jwks.json")) {
			assertThat(context.getBeansOfType(JwtDecoder.class)).hasSize(1)
				.doesNotContainKey("jwtDecoder")
				.allSatisfy((name, decoder) -> assertThat(decoder).isInstanceOf(NimbusJwtDecoder.class));
		}
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
		return GatewayClient.http(port)
			.post()
			.uri("/graphql")
			.header(HttpHeaders.CONTENT_TYPE, "application/json")
			.bodyValue(body)
			.exchange()
			.expectBody();
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
