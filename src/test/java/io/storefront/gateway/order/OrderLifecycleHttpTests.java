package io.storefront.gateway.order;

import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterEach;
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
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An order moves only along PLACED → PAID → SHIPPED → DELIVERED, or to CANCELLED from PLACED or PAID, which
 * puts its stock back exactly once; every move is in the history with who made it.
 */
@GatewayHttpTest
class OrderLifecycleHttpTests {

	@LocalServerPort
	int port;

	@Autowired
	MongoOperations mongo;

	TestProducts products;

	String product;

	Shopper shopper;

	String orderId;

	@BeforeEach
	void placeAnOrder() {
		this.products = new TestProducts(this.mongo);
		this.product = this.products.create(10, "4.00");
		this.shopper = Shopper.signUp(this.port);
		this.shopper.add(this.product, 4);
		this.orderId = this.shopper.checkout("lifecycle-" + new ObjectId()).path("checkout.id").entity(String.class)
			.get();
	}

	@AfterEach
	void removeProducts() {
		this.products.removeAll();
	}

	@Test
	void adminMovesTheOrderOneStepAtATime() {
		HttpGraphQlTester admin = DemoUsers.ADMIN.graphQl(this.port);
		for (String status : new String[] { "PAID", "SHIPPED", "DELIVERED" }) {
			set(admin, status).errors().verify().path("setOrderStatus.status").entity(String.class).isEqualTo(status);
		}

		set(admin, "DELIVERED").errors().satisfy((errors) -> ErrorAssertions.single(errors, "INVALID_TRANSITION",
				null, "setOrderStatus"));
		admin.document("{ order(id: \"" + this.orderId + "\") { statusHistory { status by } } }")
			.execute()
			.path("order.statusHistory")
			.matchesJson("""
					[{"status": "PLACED", "by": "%s"}, {"status": "PAID", "by": "%s"}, {"status": "SHIPPED", "by": "%s"},
					 {"status": "DELIVERED", "by": "%s"}]""".formatted(this.shopper.id(), DemoUsers.ADMIN.id(),
					DemoUsers.ADMIN.id(), DemoUsers.ADMIN.id()));
	}

	@Test
	void skippingGoingBackOrCancellingThroughSetStatusIsRefused() {
		HttpGraphQlTester admin = DemoUsers.ADMIN.graphQl(this.port);
		refused(admin, "setOrderStatus", "SHIPPED", "INVALID_TRANSITION", null);
		refused(admin, "setOrderStatus", "PLACED", "INVALID_TRANSITION", "status");
		refused(admin, "setOrderStatus", "CANCELLED", "INVALID_TRANSITION", "status");
		set(admin, "PAID").errors().verify();
		refused(admin, "setOrderStatus", "PAID", "INVALID_TRANSITION", null);
	}

	@Test
	void ownerCancelsAndTheStockComesBackOnce() {
		assertThat(this.products.stock(this.product)).isEqualTo(6);

		cancel(this.shopper.graphQl()).errors().verify().path("cancelOrder.status").entity(String.class)
			.isEqualTo("CANCELLED");
		assertThat(this.products.stock(this.product)).isEqualTo(10);
		assertThat(this.products.holds(this.product)).isEmpty();

		refused(this.shopper.graphQl(), "cancelOrder", null, "INVALID_TRANSITION", null);
		assertThat(this.products.stock(this.product)).isEqualTo(10);
	}

	@Test
	void supportCancelsAPaidOrderButNobodyCancelsAShippedOne() {
		HttpGraphQlTester admin = DemoUsers.ADMIN.graphQl(this.port);
		set(admin, "PAID").errors().verify();
		cancel(DemoUsers.SUPPORT.graphQl(this.port)).errors().verify().path("cancelOrder.statusHistory[2].by")
			.entity(String.class).isEqualTo(DemoUsers.SUPPORT.id());

		Shopper other = Shopper.signUp(this.port);
		other.add(this.product, 1);
		this.orderId = other.checkout("shipped-" + new ObjectId()).path("checkout.id").entity(String.class).get();
		set(admin, "PAID").errors().verify();
		set(admin, "SHIPPED").errors().verify();
		refused(other.graphQl(), "cancelOrder", null, "INVALID_TRANSITION", null);
		refused(admin, "cancelOrder", null, "INVALID_TRANSITION", null);
	}

	@Test
	void anotherCustomerCannotCancelAndNothingChanges() {
		Shopper other = Shopper.signUp(this.port);
		refused(other.graphQl(), "cancelOrder", null, "FORBIDDEN", null);
		refused(io.storefront.gateway.GatewayClient.graphQl(this.port), "cancelOrder", null, "UNAUTHENTICATED", null);
		refused(this.shopper.graphQl(), "setOrderStatus", "PAID", "FORBIDDEN", null);
		assertThat(this.products.stock(this.product)).isEqualTo(6);
	}

	@Test
	void supportLooksUpACustomersOrders() {
		DemoUsers.SUPPORT.graphQl(this.port)
			.documentName("supportOrderLookup")
			.variable("filter", java.util.Map.of("userId", this.shopper.id()))
			.execute()
			.errors()
			.verify()
			.path("orders.edges[0].node")
			.matchesJson("{\"id\": \"%s\", \"status\": \"PLACED\", \"internalNote\": null, \"customer\": {\"id\": \"%s\", \"name\": \"Shopper\", \"email\": \"%s\"}, \"items\": [{\"quantity\": 4, \"product\": {\"stock\": 6}}], \"total\": {\"amount\": \"16.00\"}}"
				.formatted(this.orderId, this.shopper.id(), this.shopper.email()));
	}

	@Test
	void unknownOrMalformedOrdersAreRefused() {
		HttpGraphQlTester admin = DemoUsers.ADMIN.graphQl(this.port);
		this.orderId = new ObjectId().toHexString();
		refused(admin, "cancelOrder", null, "NOT_FOUND", "id");
		refused(admin, "setOrderStatus", "PAID", "NOT_FOUND", "id");
		this.orderId = "nope";
		refused(admin, "cancelOrder", null, "BAD_USER_INPUT", "id");
	}

	private GraphQlTester.Response set(HttpGraphQlTester client, String status) {
		return client.documentName("orderLifecycle")
			.operationName("setOrderStatus")
			.variable("id", this.orderId)
			.variable("status", status)
			.execute();
	}

	private GraphQlTester.Response cancel(HttpGraphQlTester client) {
		return client.documentName("orderLifecycle").operationName("cancelOrder").variable("id", this.orderId).execute();
	}

	private void refused(HttpGraphQlTester client, String operation, String status, String code, String field) {
		StoreSnapshot before = StoreSnapshot.of(this.mongo, "orders", "products");
		GraphQlTester.Response response = operation.equals("cancelOrder") ? cancel(client) : set(client, status);
		response.errors().satisfy((errors) -> ErrorAssertions.single(errors, code, field, operation));
		assertThat(StoreSnapshot.of(this.mongo, "orders", "products")).isEqualTo(before);
	}

}
