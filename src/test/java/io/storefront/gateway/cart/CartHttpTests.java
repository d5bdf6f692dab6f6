package io.storefront.gateway.cart;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.storefront.gateway.DemoUsers;
import io.storefront.gateway.ErrorAssertions;
import io.storefront.gateway.GatewayHttpTest;
import io.storefront.gateway.Shopper;
import io.storefront.gateway.StoreSnapshot;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cart: its edits, its limits, prices read live, and two tabs editing it at once losing nothing.
 */
@GatewayHttpTest
class CartHttpTests {

	static final String ESPRESSO = "695b7d900000000000000001";

	static final String FILTER_ROAST = "695b7d900000000000000002";

	@LocalServerPort
	int port;

	@Autowired
	MongoOperations mongo;

	Shopper shopper;

	@BeforeEach
	void newShopper() {
		this.shopper = Shopper.signUp(this.port);
	}

	@Test
	void addingTwiceAddsToTheLineAndPricesAreLive() {
		this.shopper.add(ESPRESSO, 2).errors().verify();

		this.shopper.add(ESPRESSO, 1).path("addToCart").matchesJson("""
				{"items": [{"product": {"id": "%s", "name": "Espresso Beans"}, "quantity": 3,
				            "lineTotal": {"amount": "14.97", "currency": "USD"}}],
				 "subtotal": {"amount": "14.97", "currency": "USD"}, "itemCount": 3}""".formatted(ESPRESSO));
		this.shopper.add(FILTER_ROAST, 1).path("addToCart.itemCount").entity(Integer.class).isEqualTo(4);
		String updatedAt = this.shopper.graphQl().documentName("myCart").execute().path("me.cart.updatedAt")
			.entity(String.class).get();
		assertThat(java.time.Instant.parse(updatedAt)).isBetween(java.time.Instant.now().minusSeconds(60),
				java.time.Instant.now());
		this.shopper.graphQl().documentName("myCart").execute().path("me.cart.subtotal.amount").entity(String.class)
			.isEqualTo("99.15");
	}

	@Test
	void aCartWithLivePricesReadsTheProductsOnce(@Autowired io.storefront.gateway.MongoCommandLog commands) {
		this.shopper.add(ESPRESSO, 2);
		this.shopper.add(FILTER_ROAST, 1);
		int mark = commands.mark();

		this.shopper.graphQl().documentName("myCart").execute().path("me.cart.items").entityList(Object.class).hasSize(2);

		assertThat(commands.since(mark, "products")).hasSize(1);
		assertThat(commands.since(mark)).extracting(io.storefront.gateway.MongoCommandLog.Command::collection)
			.containsExactlyInAnyOrder("users", "carts", "products");
	}

	@Test
	void quantityZeroRemovesAndRemoveAndClearEmpty() {
		this.shopper.add(ESPRESSO, 2);
		this.shopper.add(FILTER_ROAST, 1);

		edit("setCartItemQuantity", Map.of("productId", ESPRESSO, "quantity", 5)).path("setCartItemQuantity.itemCount")
			.entity(Integer.class).isEqualTo(6);
		edit("setCartItemQuantity", Map.of("productId", ESPRESSO, "quantity", 0))
			.path("setCartItemQuantity.items[*].product.id").entityList(String.class).containsExactly(FILTER_ROAST);
		edit("removeFromCart", Map.of("productId", FILTER_ROAST)).path("removeFromCart.itemCount").entity(Integer.class)
			.isEqualTo(0);
		this.shopper.add(ESPRESSO, 1);
		edit("clearCart", Map.of()).path("clearCart.items").entityList(Object.class).hasSize(0);
	}

	@Test
	void unknownArchivedOrMalformedProductsAreRefused() {
		Document archived = this.mongo.findById(ESPRESSO, Document.class, "products");
		archived.put("_id", new ObjectId());
		archived.put("sku", "CART-ARCHIVED");
		archived.put("archived", true);
		this.mongo.insert(archived, "products");
		try {
			refusedAdd(new ObjectId().toHexString(), 1, "input.productId");
			refusedAdd(archived.getObjectId("_id").toHexString(), 1, "input.productId");
			refusedAdd("{\"$ne\": null}", 1, "input.productId");
		}
		finally {
			this.mongo.remove(Query.query(Criteria.where("sku").is("CART-ARCHIVED")), "products");
		}
	}

	@Test
	void aLineHoldsAtMost99() {
		this.shopper.add(ESPRESSO, 98).errors().verify();
		refusedAdd(ESPRESSO, 2, "input.quantity");
		StoreSnapshot before = StoreSnapshot.of(this.mongo, "carts");
		edit("setCartItemQuantity", Map.of("productId", ESPRESSO, "quantity", 100)).errors()
			.satisfy((errors) -> ErrorAssertions.single(errors, "BAD_USER_INPUT", "quantity", "setCartItemQuantity"));
		assertThat(StoreSnapshot.of(this.mongo, "carts")).isEqualTo(before);
	}

	@Test
	void addingToALineCanNeverOverflowIt() {
		this.shopper.add(ESPRESSO, 1).errors().verify();

		refusedAdd(ESPRESSO, Integer.MAX_VALUE, "input.quantity");
		refusedAdd(ESPRESSO, 99, "input.quantity");

		this.shopper.graphQl().documentName("myCart").execute().path("me.cart.items[*].quantity")
			.entityList(Integer.class).containsExactly(1);
	}

	@Test
	void anUpperCaseProductIdIsTheSameLine() {
		this.shopper.add(ESPRESSO, 1).errors().verify();
		this.shopper.add(ESPRESSO.toUpperCase(), 98).errors().verify();
		refusedAdd(ESPRESSO.toUpperCase(), 1, "input.quantity");
		edit("setCartItemQuantity", Map.of("productId", ESPRESSO.toUpperCase(), "quantity", 5)).errors().verify();

		this.shopper.graphQl().documentName("myCart").execute().path("me.cart.items")
			.matchesJson("[{\"product\": {\"id\": \"%s\"}, \"quantity\": 5}]".formatted(ESPRESSO));
		edit("removeFromCart", Map.of("productId", ESPRESSO.toUpperCase())).path("removeFromCart.itemCount")
			.entity(Integer.class).isEqualTo(0);
	}

	@Test
	void quantitiesTheScalarsRejectAreRefused() {
		for (int quantity : new int[] { 0, -1 }) {
			this.shopper.add(ESPRESSO, quantity).errors()
				.satisfy((errors) -> ErrorAssertions.single(errors, "BAD_USER_INPUT", null, ""));
		}
		edit("setCartItemQuantity", Map.of("productId", ESPRESSO, "quantity", -1)).errors()
			.satisfy((errors) -> ErrorAssertions.single(errors, "BAD_USER_INPUT", null, ""));
	}

	@Test
	void aCartHoldsAtMost100Products() {
		this.shopper.add(ESPRESSO, 1).errors().verify();
		List<Document> lines = new ArrayList<>();
		for (int i = 0; i < 100; i++) {
			lines.add(new Document("productId", new ObjectId().toHexString()).append("quantity", 1));
		}
		this.mongo.updateFirst(Query.query(Criteria.where("_id").is(this.shopper.id())), new Update().set("items", lines),
				"carts");

		refusedAdd(FILTER_ROAST, 1, "productId");
	}

	@Test
	void twoTabsAddingAtOnceLoseNothing() throws Exception {
		ExecutorService tabs = Executors.newFixedThreadPool(8);
		try {
			List<Callable<Object>> adds = new ArrayList<>();
			for (int i = 0; i < 20; i++) {
				adds.add(() -> this.shopper.add(ESPRESSO, 1).errors().verify());
			}
			for (int i = 0; i < 10; i++) {
				String product = "695b7d9000000000000000%02x".formatted(i + 0x10);
				adds.add(() -> this.shopper.add(product, 2).errors().verify());
			}
			for (Future<Object> add : tabs.invokeAll(adds)) {
				add.get();
			}
		}
		finally {
			tabs.shutdown();
		}

		this.shopper.graphQl().documentName("myCart").execute().path("me.cart.itemCount").entity(Integer.class)
			.isEqualTo(40);
		this.shopper.graphQl().documentName("myCart").execute().path("me.cart.items").entityList(Object.class)
			.hasSize(11);
	}

	@Test
	void anonymousCannotEditACart() {
		StoreSnapshot before = StoreSnapshot.of(this.mongo, "carts");
		io.storefront.gateway.GatewayClient.graphQl(this.port)
			.documentName("addToCart")
			.variable("input", Map.of("productId", ESPRESSO, "quantity", 1))
			.execute()
			.errors()
			.satisfy((errors) -> ErrorAssertions.single(errors, "UNAUTHENTICATED", null, "addToCart"));
		assertThat(StoreSnapshot.of(this.mongo, "carts")).isEqualTo(before);
	}

	@Test
	void adminReadsAnyCartButNobodyElseDoes() {
		this.shopper.add(ESPRESSO, 3);
		DemoUsers.ADMIN.graphQl(this.port)
			.document("{ user(id: \"" + this.shopper.id() + "\") { cart { itemCount } } }")
			.execute()
			.path("user.cart.itemCount")
			.entity(Integer.class)
			.isEqualTo(3);
	}

	private org.springframework.graphql.test.tester.GraphQlTester.Response edit(String operation,
			Map<String, Object> variables) {
		org.springframework.graphql.test.tester.GraphQlTester.Request<?> request = this.shopper.graphQl()
			.documentName("cartEdits")
			.operationName(operation);
		variables.forEach(request::variable);
		return request.execute();
	}

	private void refusedAdd(String productId, int quantity, String field) {
		StoreSnapshot before = StoreSnapshot.of(this.mongo, "carts");
		this.shopper.add(productId, quantity)
			.errors()
			.satisfy((errors) -> ErrorAssertions.single(errors, "BAD_USER_INPUT", field, "addToCart"));
		assertThat(StoreSnapshot.of(this.mongo, "carts")).isEqualTo(before);
	}

}
