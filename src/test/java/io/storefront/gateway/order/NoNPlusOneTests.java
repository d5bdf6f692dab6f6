package io.storefront.gateway.order;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.storefront.gateway.DemoUsers;
import io.storefront.gateway.GatewayHttpTest;
import io.storefront.gateway.MongoCommandLog;
import io.storefront.gateway.catalog.Money;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A page of orders with their customers and the products of their lines reads each collection once, however
 * many orders the page holds: the customers and products are batch-loaded. (A hundred orders with their
 * lines cost more than the default budget allows, so the budget is raised here.)
 */
@GatewayHttpTest
@TestPropertySource(properties = "storefront.graphql.limits.max-cost=20000")
class NoNPlusOneTests {

	@LocalServerPort
	int port;

	@Autowired
	MongoOperations mongo;

	@Autowired
	MongoCommandLog commands;

	final List<String> created = new ArrayList<>();

	@AfterEach
	void removeOrders() {
		this.mongo.remove(Query.query(Criteria.where("_id").in(this.created)), Order.class);
	}

	@ParameterizedTest(name = "{0} orders of 5 lines")
	@ValueSource(ints = { 10, 50, 100 })
	void nestedOrdersReadEachCollectionOnce(int orders) {
		placeOrders(orders);
		HttpGraphQlTester support = signedIn(DemoUsers.SUPPORT.graphQl(this.port));
		int mark = this.commands.mark();

		support.documentName("ordersWithCustomersAndProducts")
			.variable("first", orders)
			.execute()
			.errors()
			.verify()
			.path("orders.edges")
			.entityList(Object.class)
			.hasSize(orders);

		List<MongoCommandLog.Command> sent = this.commands.since(mark);
		Map<String, Long> findsPerCollection = sent.stream()
			.filter((command) -> command.name().equals("find"))
			.collect(Collectors.groupingBy(MongoCommandLog.Command::collection, Collectors.counting()));
		assertThat(findsPerCollection).isEqualTo(Map.of("orders", 1L, "users", 1L, "products", 1L));
		assertThat(sent).hasSize(3);
	}

	@org.junit.jupiter.api.Test
	void ordersOfAPageOfUsersAreOneAggregation() {
		placeOrders(30);
		HttpGraphQlTester support = signedIn(DemoUsers.SUPPORT.graphQl(this.port));
		int mark = this.commands.mark();

		List<String> ids = support
			.document("{ users(first: 10) { edges { node { orders(first: 2) { edges { node { id } } "
					+ "pageInfo { hasNextPage } } } } } }")
			.execute()
			.errors()
			.verify()
			.path("users.edges[*].node.orders.edges[*].node.id")
			.entityList(String.class)
			.get();

		assertThat(ids).hasSizeGreaterThanOrEqualTo(6);
		assertThat(this.commands.since(mark, "orders")).singleElement()
			.satisfies((command) -> assertThat(command.name()).isEqualTo("aggregate"));
		assertThat(this.commands.since(mark)).hasSize(2);
	}

	@org.junit.jupiter.api.Test
	void batchedPagesMatchThePagesReadOneByOne() {
		placeOrders(12);
		HttpGraphQlTester support = DemoUsers.SUPPORT.graphQl(this.port);
		String query = "{ user(id: \"%s\") { orders(first: 3) { edges { cursor node { id } } pageInfo { hasNextPage } } } }";

		Object single = support.document(query.formatted(DemoUsers.DAVE.id())).execute().path("user.orders")
			.entity(Object.class).get();
		Object inBatch = support.document("{ users(first: 100) { edges { node { id orders(first: 3) { edges { cursor node { id } } pageInfo { hasNextPage } } } } } }")
			.execute()
			.path("users.edges[?(@.node.id == '" + DemoUsers.DAVE.id() + "')].node.orders")
			.entityList(Object.class)
			.get()
			.get(0);

		assertThat(inBatch).isEqualTo(single);
	}

	private void placeOrders(int count) {
		Currency usd = Currency.getInstance("USD");
		List<String> customers = List.of(DemoUsers.CAROL.id(), DemoUsers.DAVE.id(), DemoUsers.ADMIN.id());
		Instant placed = Instant.now().plusSeconds(3600);
		for (int i = 0; i < count; i++) {
			List<Order.OrderLine> lines = new ArrayList<>();
			for (int line = 0; line < 5; line++) {
				String productId = "%08x%016x".formatted(0x695b7d90, 1L + (i * 5 + line) % 72);
				lines.add(new Order.OrderLine(productId, "SKU", "Name", new Money(BigDecimal.ONE, usd), 1));
			}
			String id = new ObjectId().toHexString();
			Instant at = placed.plusMillis(i);
			this.mongo.insert(new Order(id, "SF-N1-" + id, customers.get(i % customers.size()), lines,
					new Money(new BigDecimal("5"), usd), new Order.Address("N", "L", null, "C", "P", "DE"),
					OrderStatus.PLACED, List.of(new Order.StatusChange(OrderStatus.PLACED, at, null)), at, null, false,
					null));
			this.created.add(id);
		}
	}

	/**
	 * The caller's standing (roles, open sessions) is read once every few seconds, not per request: read it now,
	 * so that what is counted is the query's own reading.
	 */
	private static HttpGraphQlTester signedIn(HttpGraphQlTester client) {
		client.document("{ __typename }").execute().errors().verify();
		return client;
	}

}
