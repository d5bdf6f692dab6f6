package io.storefront.gateway;

import java.util.Map;

import org.bson.types.ObjectId;

import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

/**
 * A fresh customer, signed up over HTTP, with a client that sends their token.
 */
public record Shopper(String id, String email, String token, HttpGraphQlTester graphQl) {

	public static Shopper signUp(int port) {
		String email = "shopper-" + new ObjectId() + "@example.com";
		GraphQlTester.Response response = GatewayClient.graphQl(port)
			.documentName("signUp")
			.variable("input", Map.of("email", email, "password", "long enough", "name", "Shopper"))
			.execute();
		String token = response.path("signUp.token").entity(String.class).get();
		String id = response.path("signUp.user.id").entity(String.class).get();
		return new Shopper(id, email, token,
				GatewayClient.graphQl(port).mutate().header("Authorization", "Bearer " + token).build());
	}

	public GraphQlTester.Response add(String productId, int quantity) {
		return this.graphQl.documentName("addToCart")
			.variable("input", Map.of("productId", productId, "quantity", quantity))
			.execute();
	}

	public GraphQlTester.Response checkout(String idempotencyKey) {
		return this.graphQl.documentName("checkout")
			.variable("input", Map.of("idempotencyKey", idempotencyKey, "shippingAddress", address()))
			.execute();
	}

	public static Map<String, Object> address() {
		return Map.of("name", "Sam Shopper", "line1", "1 Market Street", "city", "Berlin", "postalCode", "10115",
				"country", "DE");
	}

}
