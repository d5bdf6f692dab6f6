package io.storefront.gateway;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.graphql.test.tester.HttpGraphQlTester;

/**
 * The demo users that the test server loads, and bearer tokens for them obtained through {@code logIn}.
 */
public enum DemoUsers {

	ADMIN("64a000000000000000000001", "admin@storefront.example"),
	SUPPORT("64a000000000000000000002", "support@storefront.example"),
	CAROL("64a000000000000000000003", "carol@storefront.example"),
	DAVE("64a000000000000000000004", "dave@storefront.example");

	/** The demo accounts' password in tests (src/test/resources/config); dev's published one is refused here. */
	public static final String PASSWORD = "test-only-demo-password";

	private static final Map<String, String> tokens = new ConcurrentHashMap<>();

	private final String id;

	private final String email;

	DemoUsers(String id, String email) {
		this.id = id;
		this.email = email;
	}

	public String id() {
		return this.id;
	}

	public String email() {
		return this.email;
	}

	/** A token for this user from the gateway on this port, logged in once and then reused. */
	public String token(int port) {
		return tokens.computeIfAbsent(port + " " + this.email, (key) -> GatewayClient.graphQl(port)
			.documentName("logIn")
			.variable("input", Map.of("email", this.email, "password", PASSWORD))
			.execute()
			.path("logIn.token")
			.entity(String.class)
			.get());
	}

	/** A GraphQL client that sends this user's token. */
	public HttpGraphQlTester graphQl(int port) {
		return GatewayClient.graphQl(port).mutate().header("Authorization", "Bearer " + token(port)).build();
	}

}
