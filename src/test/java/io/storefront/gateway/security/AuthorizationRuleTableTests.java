package io.storefront.gateway.security;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Currency;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.bson.Document;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.storefront.gateway.DemoUsers;
import io.storefront.gateway.ErrorAssertions;
import io.storefront.gateway.GatewayClient;
import io.storefront.gateway.GatewayHttpTest;
import io.storefront.gateway.MongoCommandLog;
import io.storefront.gateway.StoreSnapshot;
import io.storefront.gateway.cart.Cart;
import io.storefront.gateway.catalog.Money;
import io.storefront.gateway.order.Order;
import io.storefront.gateway.order.OrderStatus;
import io.storefront.gateway.security.SecurityProperties.Authorization.Mode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PRODUCT.md's rule table, row by row: every guarded field, through every path that reaches it, asked by an
 * anonymous caller, the owning CUSTOMER (Carol), another CUSTOMER (Dave), SUPPORT and ADMIN, over HTTP with
 * real tokens. Each cell is the value that comes back or the code of the one error at the denied path; a
 * denied mutation changes nothing. Every cell starts from the same store (Carol's two orders and her cart, nobody
 * else's cart, the editable products as first copied), so the cells run in a shuffled order and none depends on
 * another having run.
 * <p>
 * The same table runs in every authorization mode ({@code filter} here, the others in subclasses), each cell
 * with that mode's exact answer: in {@code reject} a denial the caller's sign-in or roles decide refuses the
 * operation whole, with no data and no command sent to the store, while one that depends on who owns the object
 * is still decided on the object; in {@code report-only} the cells of the rules marked for rollout are served,
 * each counted once as a would-be denial, and every other cell is as in {@code filter}.
 */
@GatewayHttpTest
class AuthorizationRuleTableTests {

	static final String CAROL_ORDER = "65b000000000000000000001";

	static final String CAROL_DELIVERED = "65b000000000000000000002";

	static final String ESPRESSO = "695b7d900000000000000001";

	/** The five callers, in the order every row lists its cells. */
	enum Who {

		ANONYMOUS(null), CAROL(DemoUsers.CAROL), DAVE(DemoUsers.DAVE), SUPPORT(DemoUsers.SUPPORT),
		ADMIN(DemoUsers.ADMIN);

		final @Nullable DemoUsers user;

		Who(@Nullable DemoUsers user) {
			this.user = user;
		}

	}

	/**
	 * A cell: the JSON at the row's path, or the code of the one error at an error path. A denial is either
	 * decided by the caller's sign-in and roles, or (when {@code onTheObject}) by who owns the object, which is
	 * known only once it is read.
	 */
	record Cell(@Nullable String json, @Nullable String code, @Nullable String errorPath, @Nullable String field,
			boolean onTheObject, boolean refusedWhole) {

		static Cell value(String json) {
			return new Cell(json, null, null, null, false, false);
		}

		static Cell denied(String code, String errorPath, boolean onTheObject) {
			return new Cell(null, code, errorPath, null, onTheObject, false);
		}

		boolean isDenial() {
			return "FORBIDDEN".equals(this.code) || "UNAUTHENTICATED".equals(this.code);
		}

		/** The answer in {@code reject} mode: a denial sign-in and roles decide refuses the operation whole. */
		Cell rejected() {
			return (isDenial() && !this.onTheObject) ? new Cell(null, this.code, this.errorPath, null, false, true)
					: this;
		}

		@Override
		public String toString() {
			return (this.json != null) ? this.json : this.code + (this.refusedWhole ? ", refused whole," : "") + " at "
					+ this.errorPath;
		}

	}

	/**
	 * A row of the table: its cells in {@code filter} mode, and those {@code reject} and {@code report-only} answer
	 * differently from what {@link Cell#rejected()} and {@code filter} give.
	 */
	record Row(String rule, String document, String path, List<Cell> cells, @Nullable String changes,
			Map<Who, Cell> inReject, Map<Who, Cell> inReportOnly) {

		Row inReject(Who who, Cell cell) {
			Map<Who, Cell> cells = new EnumMap<>(Who.class);
			cells.putAll(this.inReject);
			cells.put(who, cell);
			return new Row(this.rule, this.document, this.path, this.cells, this.changes, cells, this.inReportOnly);
		}

		Row inReportOnly(Who who, Cell cell) {
			Map<Who, Cell> cells = new EnumMap<>(Who.class);
			cells.putAll(this.inReportOnly);
			cells.put(who, cell);
			return new Row(this.rule, this.document, this.path, this.cells, this.changes, this.inReject, cells);
		}

		Cell cell(Who who, Mode mode) {
			Cell filtered = this.cells.get(who.ordinal());
			return switch (mode) {
				case FILTER -> filtered;
				case REJECT -> this.inReject.getOrDefault(who, filtered.rejected());
				case REPORT_ONLY -> this.inReportOnly.getOrDefault(who, filtered);
			};
		}

		@Override
		public String toString() {
			return this.rule;
		}

	}

	static Cell v(String json) {
		return Cell.value(json);
	}

	static Cell u(String at) {
		return Cell.denied("UNAUTHENTICATED", at, false);
	}

	static Cell f(String at) {
		return Cell.denied("FORBIDDEN", at, false);
	}

	/** FORBIDDEN because the caller does not own the object: decided once it is read, in every mode. */
	static Cell o(String at) {
		return Cell.denied("FORBIDDEN", at, true);
	}

	/** In {@code reject} mode: the operation refused whole, with one error at this path. */
	static Cell rf(String at) {
		return new Cell(null, "FORBIDDEN", at, null, false, true);
	}

	/** The rule let the caller through and the resolver itself refused, with this code. */
	static Cell ran(String code, String at, @Nullable String field) {
		return new Cell(null, code, at, field, false, false);
	}

	static Row row(String rule, String document, String path, Cell... cells) {
		return new Row(rule, document, path, List.of(cells), null, Map.of(), Map.of());
	}

	static Row mutation(String rule, String collection, String document, String path, Cell... cells) {
		return new Row(rule, document, path, List.of(cells), collection, Map.of(), Map.of());
	}

	static final String carolOrderNumber = "\"SF-TEST-000001\"";

	static final String carolOrderNumbers = "\"SF-TEST-000001\", \"SF-TEST-000002\"";

	static List<Row> rows() {
		String espresso = "{ product(id: \"" + ESPRESSO + "\") { %s } }";
		String carolUser = "{ user(id: \"" + DemoUsers.CAROL.id() + "\") { %s } }";
		String carolOrder = "{ order(id: \"" + CAROL_ORDER + "\") { %s } }";
		return List.of(
				row("Query.product @public", espresso.formatted("name"), "product.name", v("\"Espresso Beans\""),
						v("\"Espresso Beans\""), v("\"Espresso Beans\""), v("\"Espresso Beans\""), v("\"Espresso Beans\"")),
				row("Query.products @public", "{ products(first: 1, sort: PRICE_ASC) { edges { node { sku } } } }",
						"products.edges[0].node.sku", v("\"COF-001\""), v("\"COF-001\""), v("\"COF-001\""),
						v("\"COF-001\""), v("\"COF-001\"")),
				row("Product.stock @hasRole(SUPPORT, ADMIN)", espresso.formatted("stock"), "product.stock",
						u("product.stock"), f("product.stock"), f("product.stock"), v("5"), v("5")),
				row("Product.cost @hasRole(ADMIN)", espresso.formatted("cost { amount }"), "product.cost.amount",
						u("product.cost"), f("product.cost"), f("product.cost"), f("product.cost"), v("\"2.74\""))
					.inReportOnly(Who.ANONYMOUS, v("\"2.74\""))
					.inReportOnly(Who.CAROL, v("\"2.74\""))
					.inReportOnly(Who.DAVE, v("\"2.74\""))
					.inReportOnly(Who.SUPPORT, v("\"2.74\"")),
				row("Query.me @authenticated", "{ me { name } }", "me.name", u("me"), v("\"Carol Customer\""),
						v("\"Dave Customer\""), v("\"Sam Support\""), v("\"Ada Admin\"")),
				row("User.email @ownerOrRole(SUPPORT, ADMIN), own", "{ me { email } }", "me.email", u("me"),
						v("\"carol@storefront.example\""), v("\"dave@storefront.example\""),
						v("\"support@storefront.example\""), v("\"admin@storefront.example\"")),
				row("User.email @ownerOrRole(SUPPORT, ADMIN), Carol's through user(id)", carolUser.formatted("email"),
						"user.email", u("user"), f("user"), f("user"), v("\"carol@storefront.example\""),
						v("\"carol@storefront.example\"")),
				row("User.email @ownerOrRole(SUPPORT, ADMIN), Carol's through Order.customer",
						carolOrder.formatted("customer { email }"), "order.customer.email", u("order"),
						v("\"carol@storefront.example\""), o("order"), v("\"carol@storefront.example\""),
						v("\"carol@storefront.example\"")),
				row("User.roles @ownerOrRole(ADMIN), own", "{ me { roles } }", "me.roles", u("me"), v("[\"CUSTOMER\"]"),
						v("[\"CUSTOMER\"]"), v("[\"CUSTOMER\", \"SUPPORT\"]"), v("[\"CUSTOMER\", \"ADMIN\"]")),
				row("User.roles @ownerOrRole(ADMIN), Carol's through Order.customer",
						carolOrder.formatted("customer { roles }"), "order.customer.roles", u("order"),
						v("[\"CUSTOMER\"]"), o("order"), o("order.customer.roles"), v("[\"CUSTOMER\"]")),
				row("User.cart @ownerOrRole(ADMIN) and type Cart, own", "{ me { cart { itemCount } } }",
						"me.cart.itemCount", u("me"), v("3"), v("0"), v("0"), v("0")),
				row("User.cart @ownerOrRole(ADMIN) and type Cart, Carol's through user(id)",
						carolUser.formatted("cart { itemCount }"), "user.cart.itemCount", u("user"), f("user"), f("user"),
						o("user.cart"), v("3")),
				row("User.cart @ownerOrRole(ADMIN), Carol's through Order.customer",
						carolOrder.formatted("customer { cart { itemCount } }"), "order.customer.cart.itemCount",
						u("order"), v("3"), o("order"), o("order.customer.cart"), v("3")),
				row("User.orders @ownerOrRole(SUPPORT, ADMIN), own", "{ me { orders { edges { node { number } } } } }",
						"me.orders.edges[*].node.number", u("me"), v("[" + carolOrderNumbers + "]"), v("[]"), v("[]"),
						v("[]")),
				row("User.orders @ownerOrRole(SUPPORT, ADMIN), Carol's through user(id)",
						carolUser.formatted("orders { edges { node { number } } }"), "user.orders.edges[*].node.number",
						u("user"), f("user"), f("user"), v("[" + carolOrderNumbers + "]"), v("[" + carolOrderNumbers + "]")),
				row("type Order @ownerOrRole(SUPPORT, ADMIN) through order(id)", carolOrder.formatted("number"),
						"order.number", u("order"), v(carolOrderNumber), o("order"), v(carolOrderNumber),
						v(carolOrderNumber)),
				row("type Order through an alias, a fragment and an inline fragment",
						"{ mine: order(id: \"" + CAROL_ORDER + "\") { ...o } } fragment o on Order { ... on Order { total { amount } } }",
						"mine.total.amount", u("mine"), v("\"9.98\""), o("mine"), v("\"9.98\""), v("\"9.98\"")),
				row("Order.internalNote @hasRole(SUPPORT, ADMIN) through order(id)", carolOrder.formatted("internalNote"),
						"order.internalNote", u("order"), f("order.internalNote"), o("order"), v("\"Gift wrap\""),
						v("\"Gift wrap\""))
					// the rule on the field denies Dave whoever owns the order, so reject mode refuses him before
					// reading it
					.inReject(Who.DAVE, rf("order.internalNote"))
					.inReportOnly(Who.CAROL, v("\"Gift wrap\"")),
				row("Order.internalNote @hasRole(SUPPORT, ADMIN) through User.orders",
						"{ me { orders(first: 1) { edges { node { internalNote } } } } }", "me.orders.edges[*].node.internalNote",
						u("me"), f("me.orders.edges[0].node.internalNote"), v("[]"), v("[]"), v("[]"))
					// judged on the operation, a denied field has no list index, and Dave is refused having no orders
					.inReject(Who.CAROL, rf("me.orders.edges.node.internalNote"))
					.inReject(Who.DAVE, rf("me.orders.edges.node.internalNote"))
					.inReportOnly(Who.CAROL, v("[\"Gift wrap\"]")),
				row("Query.orders @hasRole(SUPPORT, ADMIN)",
						"{ orders(filter: {userId: \"" + DemoUsers.CAROL.id() + "\"}) { edges { node { number } } } }",
						"orders.edges[*].node.number", u("orders"), f("orders"), f("orders"), v("[" + carolOrderNumbers + "]"),
						v("[" + carolOrderNumbers + "]")),
				row("Query.users @hasRole(SUPPORT, ADMIN)", "{ users(search: \"CAROL@\") { edges { node { name } } } }",
						"users.edges[*].node.name", u("users"), f("users"), f("users"), v("[\"Carol Customer\"]"),
						v("[\"Carol Customer\"]")),
				row("Query.user @hasRole(SUPPORT, ADMIN)", carolUser.formatted("name"), "user.name", u("user"), f("user"),
						f("user"), v("\"Carol Customer\""), v("\"Carol Customer\"")),
				mutation("Mutation.createProduct @hasRole(ADMIN)", "products",
						"mutation { createProduct(input: {sku: \"TABLE-1\", name: \"Table\", description: \"\", price: {amount: 1, currency: \"USD\"}, category: \"Test\", stock: 1, cost: {amount: 1, currency: \"USD\"}}) { sku } }",
						"createProduct.sku", u("createProduct"), f("createProduct"), f("createProduct"),
						f("createProduct"), v("\"TABLE-1\"")),
				mutation("Mutation.updateProduct @hasRole(ADMIN)", "products",
						"mutation { updateProduct(id: \"" + EDITABLE + "\", input: {name: \"Edited\"}) { name } }",
						"updateProduct.name", u("updateProduct"), f("updateProduct"), f("updateProduct"),
						f("updateProduct"), v("\"Edited\"")),
				mutation("Mutation.adjustStock @hasRole(ADMIN)", "products",
						"mutation { adjustStock(productId: \"" + EDITABLE + "\", delta: 2) { sku } }", "adjustStock.sku",
						u("adjustStock"), f("adjustStock"), f("adjustStock"), f("adjustStock"), v("\"TABLE-EDIT\"")),
				mutation("Mutation.archiveProduct @hasRole(ADMIN)", "products",
						"mutation { archiveProduct(id: \"" + ARCHIVABLE + "\") { sku } }", "archiveProduct.sku",
						u("archiveProduct"), f("archiveProduct"), f("archiveProduct"), f("archiveProduct"),
						v("\"TABLE-ARCHIVE\"")),
				mutation("Mutation.setUserRoles @hasRole(ADMIN)", "users",
						"mutation { setUserRoles(userId: \"" + DemoUsers.DAVE.id() + "\", roles: [CUSTOMER]) { roles } }",
						"setUserRoles.roles", u("setUserRoles"), f("setUserRoles"), f("setUserRoles"),
						f("setUserRoles"), v("[\"CUSTOMER\"]")),
				mutation("Mutation.addToCart @authenticated", "carts",
						"mutation { addToCart(input: {productId: \"" + new org.bson.types.ObjectId() + "\"}) { itemCount } }",
						"addToCart.itemCount", u("addToCart"), ran("BAD_USER_INPUT", "addToCart", "input.productId"),
						ran("BAD_USER_INPUT", "addToCart", "input.productId"), ran("BAD_USER_INPUT", "addToCart", "input.productId"),
						ran("BAD_USER_INPUT", "addToCart", "input.productId")),
				mutation("Mutation.setCartItemQuantity @authenticated", "carts",
						"mutation { setCartItemQuantity(productId: \"" + ESPRESSO + "\", quantity: 2) { items { quantity } } }",
						"setCartItemQuantity.items[0].quantity", u("setCartItemQuantity"), v("2"), v("2"), v("2"), v("2")),
				mutation("Mutation.removeFromCart @authenticated", "carts",
						"mutation { removeFromCart(productId: \"" + ESPRESSO + "\") { itemCount } }",
						"removeFromCart.itemCount", u("removeFromCart"), v("1"), v("0"), v("0"), v("0")),
				mutation("Mutation.checkout @authenticated", "orders",
						"mutation { checkout(input: {idempotencyKey: \"x\", shippingAddress: {name: \"N\", line1: \"L\", city: \"C\", postalCode: \"P\", country: \"DE\"}}) { id } }",
						"checkout.id", u("checkout"), ran("BAD_USER_INPUT", "checkout", "input.idempotencyKey"), ran("BAD_USER_INPUT", "checkout", "input.idempotencyKey"),
						ran("BAD_USER_INPUT", "checkout", "input.idempotencyKey"), ran("BAD_USER_INPUT", "checkout", "input.idempotencyKey")),
				mutation("Mutation.cancelOrder @ownerOrRole(SUPPORT, ADMIN), judged before it runs", "orders",
						"mutation { cancelOrder(id: \"" + CAROL_DELIVERED + "\") { status } }", "cancelOrder.status",
						u("cancelOrder"), ran("INVALID_TRANSITION", "cancelOrder", null), o("cancelOrder"),
						ran("INVALID_TRANSITION", "cancelOrder", null), ran("INVALID_TRANSITION", "cancelOrder", null)),
				mutation("Mutation.setOrderStatus @hasRole(ADMIN)", "orders",
						"mutation { setOrderStatus(id: \"" + CAROL_DELIVERED + "\", status: PAID) { status } }",
						"setOrderStatus.status", u("setOrderStatus"), f("setOrderStatus"), f("setOrderStatus"),
						f("setOrderStatus"), ran("INVALID_TRANSITION", "setOrderStatus", null)),
				mutation("Mutation.logIn @public", "users",
						"mutation { logIn(input: {email: \"dave@storefront.example\", password: \"" + DemoUsers.PASSWORD
								+ "\"}) { user { name } } }",
						"logIn.user.name", v("\"Dave Customer\""), v("\"Dave Customer\""), v("\"Dave Customer\""),
						v("\"Dave Customer\""), v("\"Dave Customer\"")),
				mutation("Mutation.clearCart @authenticated", "carts",
						"mutation { clearCart { itemCount } }", "clearCart.itemCount", u("clearCart"), v("0"), v("0"),
						v("0"), v("0")));
	}

	static final String ARCHIVABLE = "65b0000000000000000000aa";

	static final String EDITABLE = "65b0000000000000000000ab";

	static Stream<Arguments> cells() {
		List<Arguments> cells = new ArrayList<>();
		for (Row row : rows()) {
			for (Who who : Who.values()) {
				cells.add(Arguments.of(row, who));
			}
		}
		long seed = Long.getLong("storefront.test.seed", System.nanoTime());
		System.out.println("Rule table cells shuffled with -Dstorefront.test.seed=" + seed);
		Collections.shuffle(cells, new Random(seed));
		return cells.stream();
	}

	@LocalServerPort
	int port;

	@Autowired
	MongoOperations mongo;

	@Autowired
	MongoCommandLog commands;

	@Autowired
	SecurityProperties properties;

	@Autowired
	MeterRegistry meters;

	@BeforeEach
	void everyCellStartsFromTheSameStore() {
		cleanUp(this.mongo);
		Money price = new Money(new BigDecimal("4.99"), Currency.getInstance("USD"));
		Instant placed = Instant.parse("2026-02-01T10:00:00Z");
		this.mongo.insert(new Order(CAROL_ORDER, "SF-TEST-000001", DemoUsers.CAROL.id(),
				List.of(new Order.OrderLine(ESPRESSO, "COF-001", "Espresso Beans", price, 2)),
				new Money(new BigDecimal("9.98"), price.currency()),
				new Order.Address("Carol Customer", "1 Main St", null, "Springfield", "12345", "US"), OrderStatus.PLACED,
				List.of(new Order.StatusChange(OrderStatus.PLACED, placed, DemoUsers.CAROL.id())), placed, "Gift wrap", false,
				null), "orders");
		this.mongo.insert(new Order(CAROL_DELIVERED, "SF-TEST-000002", DemoUsers.CAROL.id(),
				List.of(new Order.OrderLine(ESPRESSO, "COF-001", "Espresso Beans", price, 1)), price,
				new Order.Address("Carol Customer", "1 Main St", null, "Springfield", "12345", "US"),
				OrderStatus.DELIVERED, List.of(new Order.StatusChange(OrderStatus.DELIVERED, placed, null)),
				placed.minusSeconds(86400), null, false, null), "orders");
		this.mongo.insert(new Cart(DemoUsers.CAROL.id(),
				List.of(new Cart.CartLine(ESPRESSO, 2), new Cart.CartLine("695b7d900000000000000002", 1)), placed, null),
				"carts");
		copyOfEspresso(ARCHIVABLE, "TABLE-ARCHIVE");
		copyOfEspresso(EDITABLE, "TABLE-EDIT");
	}

	private void copyOfEspresso(String id, String sku) {
		Document copy = this.mongo.findById(ESPRESSO, Document.class, "products");
		copy.put("_id", new org.bson.types.ObjectId(id));
		copy.put("sku", sku);
		copy.put("category", "Test");
		// dearer than anything listed, so the cheapest listed product stays the demo espresso
		copy.put("price", new Document("amount", new org.bson.types.Decimal128(new BigDecimal("999.00")))
			.append("currency", "USD"));
		this.mongo.insert(copy, "products");
	}

	@AfterAll
	static void cleanUp(@Autowired MongoOperations mongo) {
		mongo.remove(Query.query(Criteria.where("sku").in("TABLE-1", "TABLE-ARCHIVE", "TABLE-EDIT")), "products");
		mongo.remove(Query.query(Criteria.where("_id").in(CAROL_ORDER, CAROL_DELIVERED)), "orders");
		List<String> demoUsers = Stream.of(DemoUsers.values()).map(DemoUsers::id).toList();
		mongo.remove(Query.query(Criteria.where("_id").in(demoUsers)), "carts");
	}

	@ParameterizedTest(name = "{0}: {1}")
	@MethodSource("cells")
	void ruleHolds(Row row, Who who) {
		Cell expected = row.cell(who, this.properties.authorization().mode());
		HttpGraphQlTester client = (who.user != null) ? who.user.graphQl(this.port) : GatewayClient.graphQl(this.port);
		StoreSnapshot before = (row.changes() != null) ? StoreSnapshot.of(this.mongo, row.changes()) : null;
		// signing in reads the caller's standing from the store, at most once per recheck-after: read it now, and
		// leave its reads out of what the operation sends
		client.document("{ __typename }").execute().path("__typename").entity(String.class).isEqualTo("Query");
		int mark = this.commands.mark();
		double reported = rolloutDenials();

		GraphQlTester.Response response = client.document(row.document()).execute();

		if (expected.json() != null) {
			response.errors().verify().path(row.path()).matchesJsonStrictly(expected.json());
		}
		else {
			response.errors().satisfy((errors) -> {
				ErrorAssertions.single(errors, expected.code(), expected.field(), expected.errorPath());
				assertThat(errors.get(0).getExtensions().containsKey("rule")).isEqualTo(expected.isDenial());
			});
		}
		if (expected.refusedWhole()) {
			response.path(row.path().split("\\.")[0]).pathDoesNotExist();
			assertThat(this.commands.allButStandingSince(mark)).as("commands sent for a refused operation").isEmpty();
		}
		else if (expected.json() == null) {
			response.path(expected.errorPath()).valueIsNull();
		}
		if (before != null && expected.json() == null) {
			assertThat(StoreSnapshot.of(this.mongo, row.changes())).isEqualTo(before);
		}
		boolean rolledOut = this.properties.authorization().mode() == Mode.REPORT_ONLY
				&& row.inReportOnly().containsKey(who);
		assertThat(rolloutDenials() - reported).as("would-be denials counted").isEqualTo(rolledOut ? 1.0 : 0.0);
	}

	private double rolloutDenials() {
		return this.meters.find(RolloutReport.METRIC).counters().stream().mapToDouble(Counter::count).sum();
	}

}
