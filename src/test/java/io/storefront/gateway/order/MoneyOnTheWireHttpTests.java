package io.storefront.gateway.order;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.bson.Document;
import org.bson.types.Decimal128;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.storefront.gateway.DemoUsers;
import io.storefront.gateway.GatewayClient;
import io.storefront.gateway.GatewayHttpTest;
import io.storefront.gateway.Shopper;
import io.storefront.gateway.StoreSnapshot;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Money is exact on the wire: every money field of the schema arrives as a JSON string with its currency's
 * scale, so that a JSON parser (JavaScript's, or Jackson's here, both of which make numbers binary doubles) hands
 * the application {@code "9.10"} and never {@code 9.1}. Inputs take the same strings, and numbers as before.
 */
@GatewayHttpTest
class MoneyOnTheWireHttpTests {

	// parses as a browser does: a JSON number with a fraction becomes a double
	static final JsonMapper CLIENT_JSON = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@Autowired
	MongoOperations mongo;

	@AfterEach
	void removeTestProducts() {
		this.mongo.remove(Query.query(Criteria.where("sku").regex("^WIRE-")), "products");
	}

	@Test
	void everyMoneyFieldIsAStringWithItsCurrencyScaleFromCatalogToOrder() {
		String admin = DemoUsers.ADMIN.token(this.port);
		// an amount written without its scale, and a cost sent as a JSON number, as older clients do
		Map<String, Object> input = product("WIRE-1", "9.1", 100);
		JsonNode created = post(admin, "createProduct", Map.of("input", input)).path("data").path("createProduct");
		assertMoney(created.path("price"), "9.10");
		assertMoney(created.path("cost"), "100.00");
		String id = created.path("id").asString();
		Document stored = this.mongo.findById(new org.bson.types.ObjectId(id), Document.class, "products");
		assertThat(stored.get("price", Document.class).get("amount")).isEqualTo(new Decimal128(new BigDecimal("9.10")));

		Shopper shopper = Shopper.signUp(this.port);
		shopper.add(id, 3).errors().verify();
		JsonNode cart = post(shopper.token(), "myCart", Map.of()).path("data").path("me").path("cart");
		assertMoney(cart.path("items").get(0).path("product").path("price"), "9.10");
		assertMoney(cart.path("items").get(0).path("lineTotal"), "27.30");
		assertMoney(cart.path("subtotal"), "27.30");

		JsonNode order = post(shopper.token(), "checkout",
				Map.of("input", Map.of("idempotencyKey", UUID.randomUUID().toString(), "shippingAddress",
						Shopper.address())))
			.path("data")
			.path("checkout");
		assertMoney(order.path("items").get(0).path("unitPrice"), "9.10");
		assertMoney(order.path("items").get(0).path("lineTotal"), "27.30");
		assertMoney(order.path("total"), "27.30");
		JsonNode history = post(shopper.token(), "myOrders", Map.of()).path("data").path("me").path("orders");
		assertMoney(history.path("edges").get(0).path("node").path("total"), "27.30");
	}

	@Test
	void wholeAndZeroAmountsKeepTheirScale() {
		String admin = DemoUsers.ADMIN.token(this.port);
		JsonNode free = post(admin, "createProduct", Map.of("input", product("WIRE-2", "0", "100")))
			.path("data")
			.path("createProduct");

		assertMoney(free.path("price"), "0.00");
		assertMoney(free.path("cost"), "100.00");
	}

	@Test
	void amountsThatAreNotPlainDecimalsAreRefusedAndNothingIsStored() {
		String admin = DemoUsers.ADMIN.token(this.port);
		for (Object amount : List.of("9.1e0", "1,50", " 9.10", "+9.10", "9.", ".5", "nine", "0x10", true)) {
			StoreSnapshot before = StoreSnapshot.of(this.mongo, "products");

			JsonNode answer = post(admin, "createProduct", Map.of("input", product("WIRE-3", amount, "1")));

			assertThat(answer.path("data").path("createProduct").isMissingNode()
					|| answer.path("data").path("createProduct").isNull())
				.as("%s is refused", amount)
				.isTrue();
			assertThat(answer.path("errors")).as("%s", amount).hasSize(1);
			assertThat(answer.path("errors").get(0).path("extensions").path("code").asString()).as("%s", amount)
				.isEqualTo("BAD_USER_INPUT");
			assertThat(answer.path("errors").get(0).path("message").asString())
				.contains("A Decimal is a string of digits");
			assertThat(answer.toString()).doesNotContain("Exception").doesNotContain("at io.");
			assertThat(StoreSnapshot.of(this.mongo, "products")).isEqualTo(before);
		}
	}

	static void assertMoney(JsonNode money, String amount) {
		assertThat(money.path("amount").isString()).as("amount of %s is a JSON string", money).isTrue();
		assertThat(money.path("amount").asString()).isEqualTo(amount);
		assertThat(money.path("amount").asString()).doesNotContainIgnoringCase("e");
		if (money.has("currency")) {
			assertThat(money.path("currency").asString()).isEqualTo("USD");
		}
	}

	static Map<String, Object> product(String sku, Object price, Object cost) {
		Map<String, Object> input = new HashMap<>();
		input.put("sku", sku);
		input.put("name", "Wire test " + sku);
		input.put("description", "");
		input.put("price", Map.of("amount", price, "currency", "USD"));
		input.put("category", "Test");
		input.put("stock", 10);
		input.put("cost", Map.of("amount", cost, "currency", "USD"));
		return input;
	}

	private JsonNode post(String token, String operation, Map<String, Object> variables) {
		byte[] body = GatewayClient.http(this.port)
			.post()
			.uri("/graphql")
			.header("Authorization", "Bearer " + token)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("query", GatewayClient.operation(operation), "variables", variables))
			.exchange()
			.expectBody()
			.returnResult()
			.getResponseBody();
		return CLIENT_JSON.readTree(body);
	}

}
