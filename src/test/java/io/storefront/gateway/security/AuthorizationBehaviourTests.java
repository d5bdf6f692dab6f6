package io.storefront.gateway.security;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;

import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.storefront.gateway.DemoUsers;
import io.storefront.gateway.ErrorAssertions;
import io.storefront.gateway.GatewayClient;
import io.storefront.gateway.GatewayHttpTest;
import io.storefront.gateway.MongoCommandLog;
import io.storefront.gateway.catalog.Money;
import io.storefront.gateway.order.Order;
import io.storefront.gateway.order.OrderStatus;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How denials behave: a denied resolver sends nothing to MongoDB, a denied mutation in the middle of a document
 * changes nothing while the others run in order, and lists read only what the caller may see.
 */
@GatewayHttpTest
class AuthorizationBehaviourTests {

	@LocalServerPort
	int port;

	@Autowired
	MongoOperations mongo;

	@Autowired
	MongoCommandLog commands;

	final List<String> orderIds = new ArrayList<>();

	@AfterEach
	void removeOrders() {
		this.mongo.remove(Query.query(Criteria.where("_id").in(this.orderIds)), Order.class);
		this.mongo.remove(Query.query(Criteria.where("email").regex("^multi-")), "users");
	}

	@Test
	void deniedResolversNeverReachTheStore() {
		HttpGraphQlTester dave = DemoUsers.DAVE.graphQl(this.port);
		// Dave's standing (roles, sessions) is read with his first request and then kept for seconds: read it now,
		// so that what follows the mark is what the resolvers would send
		dave.document("{ me { id } }").execute().path("me.id").entity(String.class).isEqualTo(DemoUsers.DAVE.id());
		int mark = this.commands.mark();

		dave.document("""
				{
				  users { edges { node { id } } }
				  user(id: "%s") { name }
				  orders { edges { node { id } } }
				}""".formatted(DemoUsers.CAROL.id())).execute().errors().satisfy((errors) -> assertThat(errors)
			.extracting((error) -> error.getExtensions().get("code"))
			.containsOnly("FORBIDDEN")
			.hasSize(3));
		GatewayClient.graphQl(this.port)
			.document("mutation { createProduct(input: {sku: \"NEVER-1\", name: \"N\", description: \"\", price: {amount: 1, currency: \"USD\"}, category: \"C\", stock: 1, cost: {amount: 1, currency: \"USD\"}}) { id } }")
			.execute()
			.errors()
			.satisfy((errors) -> ErrorAssertions.single(errors, "UNAUTHENTICATED", null, "createProduct"));

		// Dave's standing may be read again once recheck-after has passed since the read above, whatever he asks
		assertThat(this.commands.allButStandingSince(mark)).isEmpty();
	}

	@Test
	void deniedMutationInTheMiddleChangesNothingAndTheOthersRunInOrder() {
		String first = "multi-first-" + new ObjectId() + "@example.com";
		String second = "multi-second-" + new ObjectId() + "@example.com";

		DemoUsers.CAROL.graphQl(this.port).document("""
				mutation {
				  first: signUp(input: {email: "%s", password: "long enough", name: "First"}) { user { id } }
				  denied: adjustStock(productId: "695b7d900000000000000001", delta: 1000) { stock }
				  second: signUp(input: {email: "%s", password: "long enough", name: "Second"}) { user { id } }
				}""".formatted(first, second))
			.execute()
			.errors()
			.satisfy((errors) -> ErrorAssertions.single(errors, "FORBIDDEN", null, "denied"))
			.path("denied")
			.valueIsNull()
			.path("first.user.id")
			.hasValue()
			.path("second.user.id")
			.hasValue();

		Object firstId = this.mongo.findOne(Query.query(Criteria.where("email").is(first)), org.bson.Document.class,
				"users").get("_id");
		Object secondId = this.mongo.findOne(Query.query(Criteria.where("email").is(second)), org.bson.Document.class,
				"users").get("_id");
		assertThat(((ObjectId) firstId).compareTo((ObjectId) secondId)).isNegative();
		assertThat(this.mongo.findById("695b7d900000000000000001", org.bson.Document.class, "products")
			.getInteger("stock")).isEqualTo(5);
	}

	@Test
	void ownOrdersAreTheOnlyOnesRead() {
		placeOrders(DemoUsers.CAROL.id(), 3);
		placeOrders(DemoUsers.DAVE.id(), 5);
		HttpGraphQlTester carol = DemoUsers.CAROL.graphQl(this.port);
		int mark = this.commands.mark();

		carol
			.documentName("myOrders")
			.execute()
			.path("me.orders.edges")
			.entityList(Object.class)
			.hasSize(3);

		assertThat(this.commands.since(mark, "orders")).singleElement()
			.satisfies((find) -> assertThat(find.documentsRead()).isEqualTo(3));
	}

	@Test
	void staffReadOneUsersOrdersOnly() {
		placeOrders(DemoUsers.CAROL.id(), 2);
		placeOrders(DemoUsers.DAVE.id(), 4);
		HttpGraphQlTester support = DemoUsers.SUPPORT.graphQl(this.port);
		int mark = this.commands.mark();

		support
			.document("{ user(id: \"" + DemoUsers.DAVE.id() + "\") { orders { edges { node { number } } } } }")
			.execute()
			.path("user.orders.edges")
			.entityList(Object.class)
			.hasSize(4);

		assertThat(this.commands.since(mark, "orders")).singleElement()
			.satisfies((find) -> assertThat(find.documentsRead()).isEqualTo(4));
	}

	private void placeOrders(String userId, int count) {
		Money price = new Money(new BigDecimal("10.00"), Currency.getInstance("USD"));
		for (int i = 0; i < count; i++) {
			String id = new ObjectId().toHexString();
			Instant placed = Instant.parse("2026-03-01T10:00:00Z").plusSeconds(i);
			this.mongo.insert(new Order(id, "SF-T-" + id, userId,
					List.of(new Order.OrderLine("695b7d900000000000000001", "COF-001", "Espresso Beans", price, 1)),
					price, new Order.Address("N", "L1", null, "C", "P", "DE"), OrderStatus.PLACED,
					List.of(new Order.StatusChange(OrderStatus.PLACED, placed, userId)), placed, null, false, null));
			this.orderIds.add(id);
		}
	}

}
