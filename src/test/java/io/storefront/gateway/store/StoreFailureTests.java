package io.storefront.gateway.store;

import de.bwaldvogel.mongo.MongoServer;
import io.storefront.gateway.DemoUsers;
import io.storefront.gateway.GatewayClient;
import org.junit.jupiter.api.Test;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When MongoDB goes away or an operation runs too long, the client gets a clean, coded error, never a driver
 * message, and the gateway keeps answering.
 */
class StoreFailureTests {

	static final String PRODUCT = "{ product(id: \"695b7d900000000000000001\") { name } }";

	@Test
	void anUnreachableStoreIsACleanInternalError() {
		try (ConfigurableApplicationContext context = EmbeddedStoreTests.start("dev", "--storefront.store.timeout=300ms")) {
			context.getBean(MongoServer.class).shutdownNow();
			int port = ((WebServerApplicationContext) context).getWebServer().getPort();

			GatewayClient.graphQl(port).document(PRODUCT).execute().errors().satisfy((errors) -> {
				assertThat(errors).singleElement().satisfies((error) -> {
					assertThat(error.getExtensions()).containsEntry("code", "INTERNAL")
						.containsEntry("classification", "INTERNAL_ERROR")
						.containsKey("errorId");
					assertThat(error.getMessage()).startsWith("Internal error, id ")
						.doesNotContainIgnoringCase("mongo")
						.doesNotContain("Exception", "127.0.0.1");
				});
			});
			GatewayClient.http(port).get().uri("/actuator/health").exchange().expectStatus().is5xxServerError();
		}
	}

	@Test
	void aTokenThatCannotBeCheckedIsUnavailableNotUnauthorized() {
		try (ConfigurableApplicationContext context = EmbeddedStoreTests.start("dev", "--storefront.store.timeout=300ms",
				"--storefront.security.sessions.recheck-after=1ms")) {
			int port = ((WebServerApplicationContext) context).getWebServer().getPort();
			String token = DemoUsers.CAROL.token(port);
			context.getBean(MongoServer.class).shutdownNow();

			GatewayClient.http(port)
				.post()
				.uri("/graphql")
				.contentType(MediaType.APPLICATION_JSON)
				.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
				.bodyValue(java.util.Map.of("query", PRODUCT))
				.exchange()
				.expectStatus()
				.isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
				.expectHeader()
				.valueEquals(HttpHeaders.RETRY_AFTER, "1")
				.expectBody()
				.jsonPath("$.errors[0].extensions.code")
				.isEqualTo("INTERNAL")
				.jsonPath("$.errors[0].extensions.retryAfter")
				.isEqualTo(1)
				.jsonPath("$.data")
				.doesNotExist();
		}
	}

	@Test
	void anOperationOverTheTimeLimitIsStopped() {
		try (ConfigurableApplicationContext context = EmbeddedStoreTests.start("dev",
				"--storefront.graphql.limits.timeout=0s")) {
			int port = ((WebServerApplicationContext) context).getWebServer().getPort();

			GatewayClient.graphQl(port).document(PRODUCT).execute().errors().satisfy((errors) -> assertThat(errors)
				.singleElement()
				.satisfies((error) -> assertThat(error.getExtensions()).containsEntry("code", "TIMEOUT")));
		}
	}

}
