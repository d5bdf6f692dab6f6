package io.storefront.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

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

	/** The text of an operation of docs/operations, for a test that sends it other than through the tester. */
	public static String operation(String name) {
		try {
			return Files.readString(Path.of("docs/operations", name + ".graphql"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
