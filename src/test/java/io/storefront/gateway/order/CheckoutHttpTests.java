package io.storefront.gateway.order;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.storefront.gateway.ErrorAssertions;
import io.storefront.gateway.GatewayHttpTest;
import io.storefront.gateway.Shopper;
import io.storefront.gateway.StoreSnapshot;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.graphql.ResponseError;
import org.springframework.graphql.test.tester.GraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checkout over HTTP: it never oversells, it is all or nothing, and a retry with the same key returns the same
 * order.
 */
@GatewayHttpTest
class CheckoutHttpTests {

	@LocalServerPort
	int port;

	@Autowired
	MongoOperations mongo;

	@Autowired
	Orders orders;

	TestProducts products;

	@BeforeEach
	void setUp() {
		this.products = new TestProducts(this.mongo);
	}

	@AfterEach
	void removeProducts() {
		this.products.removeAll();
	}

	@Test
	void checkoutTurnsTheCartIntoAnOrderAndTakesTheStock() {
		String mug = this.products.create(10, "12.50");
		String pen = this.products.create(4, "3.25");
		Shopper shopper = Shopper.signUp(this.port);
		shopper.add(mug, 2);
		shopper.add(pen, 3);

		GraphQlTester.Traversable placed = shopper.checkout("first-checkout-1").errors().verify();

		placed.path("checkout.status").entity(String.class).isEqualTo("PLACED");
		placed.path("checkout.number").entity(String.class).satisfies((number) -> assertThat(number)
			.matches("SF-\\d{4}-\\d{6}"));
		placed.path("checkout.total").matchesJson("{\"amount\": \"34.75\", \"currency\": \"USD\"}");
		assertThat(placed.path("checkout.items[*].quantity").entityList(Integer.class).get())
			.containsExactlyInAnyOrder(2, 3);
		assertThat(placed.path("checkout.items[*].sku").entityList(String.class).get()).hasSize(2);
		placed.path("checkout.shippingAddress").matchesJson("""
				{"name": "Sam Shopper", "line1": "1 Market Street", "line2": null, "city": "Berlin",
				 "postalCode": "10115", "country": "DE"}""");
		placed.path("checkout.statusHistory[0]").matchesJson("{\"status\": \"PLACED\", \"by\": \"" + shopper.id() + "\"}");
		String placedAt = placed.path("checkout.placedAt").entity(String.class).get();
		placed.path("checkout.statusHistory[0].at").entity(String.class).isEqualTo(placedAt);
		placed.path("checkout.items[*].lineTotal.amount").entityList(java.math.BigDecimal.class).satisfies(
				(totals) -> assertThat(totals).usingElementComparator(java.math.BigDecimal::compareTo)
					.containsExactlyInAnyOrder(new java.math.BigDecimal("25"), new java.math.BigDecimal("9.75")));
		assertThat(this.products.stock(mug)).isEqualTo(8);
		assertThat(this.products.stock(pen)).isEqualTo(1);
		assertThat(this.products.holds(mug)).isEmpty();
		shopper.graphQl().documentName("myCart").execute().path("me.cart.itemCount").entity(Integer.class).isEqualTo(0);
	}

	@Test
	void fiftyConcurrentCheckoutsNeverOversell() throws Exception {
		String scarce = this.products.create(10, "5.00");
		List<Shopper> shoppers = new ArrayList<>();
		for (int i = 0; i < 50; i++) {
			Shopper shopper = Shopper.signUp(this.port);
			shopper.add(scarce, 1).errors().verify();
			shoppers.add(shopper);
		}

		List<String> outcomes = new ArrayList<>();
		ExecutorService pool = Executors.newFixedThreadPool(50);
		try {
			List<Callable<String>> checkouts = new ArrayList<>();
			for (Shopper shopper : shoppers) {
				checkouts.add(() -> outcome(shopper.checkout("race-" + shopper.id())));
			}
			for (Future<String> outcome : pool.invokeAll(checkouts)) {
				outcomes.add(outcome.get());
			}
		}
		finally {
			pool.shutdown();
		}

		assertThat(outcomes.stream().filter("PLACED"::equals)).hasSize(10);
		assertThat(outcomes.stream().filter("OUT_OF_STOCK"::equals)).hasSize(40);
		assertThat(this.products.stock(scarce)).isZero();
		assertThat(this.products.holds(scarce)).isEmpty();
		assertThat(this.mongo.count(Query.query(Criteria.where("items.productId").is(scarce)), Order.class))
			.isEqualTo(10);
		assertThat(this.mongo.count(Query.query(Criteria.where("lines.productId").is(scarce)), Checkout.class))
			.isEqualTo(10);
	}

	@Test
	void aLineOutOfStockOrdersNothingAndChangesNothing() {
		String plenty = this.products.create(10, "1.00");
		String scarce = this.products.create(1, "2.00");
		Shopper shopper = Shopper.signUp(this.port);
		shopper.add(plenty, 3);
		shopper.add(scarce, 2);
		StoreSnapshot before = StoreSnapshot.of(this.mongo, "products", "carts", "orders", "checkouts");

		shopper.checkout("all-or-nothing-1").errors().satisfy((errors) -> {
			ErrorAssertions.single(errors, "OUT_OF_STOCK", null, "checkout");
			assertThat(errors.get(0).getExtensions()).containsEntry("productId", scarce);
		}).path("checkout").valueIsNull();

		assertThat(StoreSnapshot.of(this.mongo, "products", "carts", "orders", "checkouts")).isEqualTo(before);
	}

	@Test
	void theSameKeyReturnsTheSameOrderAndChangesNothing() {
		String mug = this.products.create(10, "12.50");
		Shopper shopper = Shopper.signUp(this.port);
		shopper.add(mug, 2);
		String first = shopper.checkout("same-key-123").path("checkout.id").entity(String.class).get();
		StoreSnapshot after = StoreSnapshot.of(this.mongo, "products", "carts", "orders", "checkouts");

		shopper.checkout("same-key-123").errors().verify().path("checkout.id").entity(String.class).isEqualTo(first);

		assertThat(StoreSnapshot.of(this.mongo, "products", "carts", "orders", "checkouts")).isEqualTo(after);
		assertThat(this.products.stock(mug)).isEqualTo(8);
	}

	@Test
	void theSameKeyWithAnotherCartIsAConflict() {
		String mug = this.products.create(10, "12.50");
		Shopper shopper = Shopper.signUp(this.port);
		shopper.add(mug, 2);
		shopper.checkout("reused-key-1").errors().verify();
		shopper.add(mug, 5);
		StoreSnapshot before = StoreSnapshot.of(this.mongo, "products", "carts", "orders", "checkouts");

		shopper.checkout("reused-key-1")
			.errors()
			.satisfy((errors) -> ErrorAssertions.single(errors, "CONFLICT", "input.idempotencyKey", "checkout"));

		assertThat(StoreSnapshot.of(this.mongo, "products", "carts", "orders", "checkouts")).isEqualTo(before);
	}

	@Test
	void emptyCartAndBadInputAreRefused() {
		Shopper shopper = Shopper.signUp(this.port);
		refused(shopper, "nothing-in-cart", Shopper.address(), "BAD_USER_INPUT", "cart");

		String mug = this.products.create(10, "12.50");
		shopper.add(mug, 1);
		refused(shopper, "short", Shopper.address(), "BAD_USER_INPUT", "input.idempotencyKey");
		refused(shopper, "has spaces in it", Shopper.address(), "BAD_USER_INPUT", "input.idempotencyKey");
		refused(shopper, "{\"$gt\":\"\"}-key", Shopper.address(), "BAD_USER_INPUT", "input.idempotencyKey");
		refused(shopper, "good-key-1", with("name", " "), "BAD_USER_INPUT", "input.shippingAddress.name");
		refused(shopper, "good-key-1", with("city", "c".repeat(101)), "BAD_USER_INPUT", "input.shippingAddress.city");
		refused(shopper, "good-key-1", with("postalCode", "1".repeat(21)), "BAD_USER_INPUT",
				"input.shippingAddress.postalCode");
		refused(shopper, "good-key-1", with("country", "XX"), "BAD_USER_INPUT", null);
		assertThat(this.products.stock(mug)).isEqualTo(10);
	}

	private static Map<String, Object> with(String key, Object value) {
		Map<String, Object> address = new java.util.HashMap<>(Shopper.address());
		address.put(key, value);
		return address;
	}

	private void refused(Shopper shopper, String key, Map<String, Object> address, String code, String field) {
		StoreSnapshot before = StoreSnapshot.of(this.mongo, "products", "carts", "orders", "checkouts");
		shopper.graphQl()
			.documentName("checkout")
			.variable("input", Map.of("idempotencyKey", key, "shippingAddress", address))
			.execute()
			.errors()
			.satisfy((errors) -> ErrorAssertions.single(errors, code, field, (field != null) ? "checkout" : ""));
		assertThat(StoreSnapshot.of(this.mongo, "products", "carts", "orders", "checkouts")).isEqualTo(before);
	}

	private static String outcome(GraphQlTester.Response response) {
		List<ResponseError> errors = new ArrayList<>();
		response.errors().satisfy(errors::addAll);
		if (errors.isEmpty()) {
			return response.path("checkout.status").entity(String.class).get();
		}
		return String.valueOf(errors.get(0).getExtensions().get("code"));
	}

}
