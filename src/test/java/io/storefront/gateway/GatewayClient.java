package io.storefront.gateway;

import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * GraphQL and plain HTTP clients for a gateway running on a local port.
 */
public final class GatewayClient {

	private GatewayClient() {
	}

	public static WebTestClient http(int port) {
		return WebTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
	}

	/** Sends operations to {@code /graphql}; {@code documentName} reads them from docs/operations (graphql-test/ on the test classpath). */
	public static HttpGraphQlTester graphQl(int port) {
		return HttpGraphQlTester.create(http(port).mutate().baseUrl("http://localhost:" + port + "/graphql").build());
	}

}
