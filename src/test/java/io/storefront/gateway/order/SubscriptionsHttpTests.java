package io.storefront.gateway.order;

import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import io.micrometer.core.instrument.MeterRegistry;
import io.storefront.gateway.DemoUsers;
import io.storefront.gateway.GatewayClient;
import io.storefront.gateway.GatewayHttpTest;
import io.storefront.gateway.LiveClient;
import io.storefront.gateway.LiveClient.Events;
import io.storefront.gateway.Shopper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.graphql.ResponseError;
import org.springframework.graphql.client.ClientGraphQlResponse;
import org.springframework.graphql.client.WebSocketGraphQlClient;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Subscriptions over WebSocket with a real {@code graphql-transport-ws} client, and over Server-Sent Events: an order's owner follows it from
 * PLACED to DELIVERED, another customer's subscription to it is refused by the same rule as the query, and a
 * product's availability is sent when it sells out and when it is restocked, and not for other changes. Each test
 * ends once the gateway holds none of its subscriptions any more.
 */
@GatewayHttpTest
@TestPropertySource(properties = { "storefront.graphql.limits.timeout=" + SubscriptionsHttpTests.TIMEOUT_SECONDS + "s",
		"storefront.graphql.subscriptions.max-per-connection=2", "storefront.graphql.subscriptions.max-per-address=3" })
class SubscriptionsHttpTests {

	/** The operation timeout here: short, so that an event can come after it. */
	static final int TIMEOUT_SECONDS = 3;

	static final JsonMapper JSON = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@Autowired
	MongoOperations mongo;

	@Autowired
	MeterRegistry meters;

	TestProducts products;

	@BeforeEach
	void products() {
		this.products = new TestProducts(this.mongo);
	}

	@AfterEach
	void removeProductsOnceNobodyListens() {
		LiveClient.awaitListening(this.meters, 0);
		this.products.removeAll();
	}

	@Test
	void theOwnerFollowsTheirOrderFromPlacedToDelivered() {
		Shopper owner = Shopper.signUp(this.port);
		String orderId = order(owner);
		WebSocketGraphQlClient live = LiveClient.connect(this.port, owner.token());

		Events events = LiveClient.subscribe(live, LiveClient.document("orderStatusChanged"), Map.of("orderId", orderId));

		assertThat(status(events.next())).isEqualTo("PLACED");
		for (String status : List.of("PAID", "SHIPPED", "DELIVERED")) {
			setStatus(orderId, status);
			assertThat(status(events.next())).isEqualTo(status);
		}
		events.awaitCompleted();
	}

	@Test
	void anEventLongAfterTheSubscriptionStartedStillReadsWhatItSelects() throws InterruptedException {
		Shopper owner = Shopper.signUp(this.port);
		String orderId = order(owner);
		Events events = LiveClient.subscribe(LiveClient.connect(this.port, owner.token()),
				"subscription { orderStatusChanged(orderId: \"" + orderId + "\") { status customer { email } } }",
				Map.of());
		assertThat(status(events.next())).isEqualTo("PLACED");

		Thread.sleep(Duration.ofSeconds(TIMEOUT_SECONDS).plusMillis(500).toMillis());
		setStatus(orderId, "PAID");

		ClientGraphQlResponse paid = events.next();
		assertThat(status(paid)).isEqualTo("PAID");
		assertThat(paid.field("orderStatusChanged.customer.email").toEntity(String.class)).isEqualTo(owner.email());
		events.cancel();
	}

	@Test
	void theSameSubscriptionOverServerSentEvents() {
		Shopper owner = Shopper.signUp(this.port);
		String orderId = order(owner);

		Iterator<ServerSentEvent<String>> events = GatewayClient.http(this.port)
			.mutate()
			.responseTimeout(Duration.ofSeconds(30))
			.build()
			.post()
			.uri("/graphql")
			.header("Authorization", "Bearer " + owner.token())
			.contentType(MediaType.APPLICATION_JSON)
			.accept(MediaType.TEXT_EVENT_STREAM)
			.bodyValue(Map.of("query", LiveClient.document("orderStatusChanged"), "variables",
					Map.of("orderId", orderId)))
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(new ParameterizedTypeReference<ServerSentEvent<String>>() {
			})
			.getResponseBody()
			// comments (": subscribed", ": keep-alive") carry no event
			.filter((event) -> event.event() != null)
			.toIterable()
			.iterator();

		assertThat(data(events.next())).extractingByKey("data").isEqualTo(Map.of("orderStatusChanged",
				Map.of("id", orderId, "number", number(orderId), "status", "PLACED")));
		setStatus(orderId, "PAID");
		assertThat(data(events.next())).extractingByKey("data").isEqualTo(Map.of("orderStatusChanged",
				Map.of("id", orderId, "number", number(orderId), "status", "PAID")));
		// delivered, the order has nothing more to tell: the last event, then the stream ends
		setStatus(orderId, "SHIPPED");
		setStatus(orderId, "DELIVERED");
		assertThat(data(events.next())).extractingByKey("data").isEqualTo(Map.of("orderStatusChanged",
				Map.of("id", orderId, "number", number(orderId), "status", "SHIPPED")));
		assertThat(data(events.next())).extractingByKey("data").isEqualTo(Map.of("orderStatusChanged",
				Map.of("id", orderId, "number", number(orderId), "status", "DELIVERED")));
		ServerSentEvent<String> last = events.next();
		assertThat(last.event()).isEqualTo("complete");
		assertThat(events.hasNext()).isFalse();
	}

	private static Map<String, Object> data(ServerSentEvent<String> event) {
		assertThat(event.event()).isEqualTo("next");
		return JSON.readValue(event.data(), new TypeReference<Map<String, Object>>() {
		});
	}

	@Test
	void aSubscriptionOverPlainJsonIsRefused() {
		GatewayClient.http(this.port)
			.post()
			.uri("/graphql")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("query", LiveClient.document("productAvailabilityChanged"), "variables",
					Map.of("productIds", List.of(new ObjectId().toHexString()))))
			.exchange()
			.expectStatus()
			.isEqualTo(406)
			.expectBody()
			.jsonPath("$.errors[0].extensions.code")
			.isEqualTo("BAD_USER_INPUT")
			.jsonPath("$.errors[0].message")
			.isEqualTo("A subscription is served over WebSocket, or over Server-Sent Events to a request that "
					+ "accepts text/event-stream.");
	}

	@Test
	void anotherCustomersSubscriptionIsRefusedByTheOrdersRule() {
		String orderId = order(Shopper.signUp(this.port));
		WebSocketGraphQlClient stranger = LiveClient.connect(this.port, Shopper.signUp(this.port).token());

		Events events = LiveClient.subscribe(stranger, LiveClient.document("orderStatusChanged"),
				Map.of("orderId", orderId));

		assertThat(events.firstErrors()).singleElement().satisfies((error) -> {
			assertThat(error.getPath()).isEqualTo("orderStatusChanged");
			assertThat(error.getExtensions()).containsEntry("code", "FORBIDDEN")
				.containsEntry("rule", "@ownerOrRole(roles: [SUPPORT, ADMIN])");
		});
		assertThat((Object) events.next().field("orderStatusChanged").getValue()).isNull();
		events.awaitCompleted();
		// and nothing follows when the order moves on
		setStatus(orderId, "PAID");
		events.nothingWithin(Duration.ofMillis(500));
	}

	@Test
	void signingOutEndsTheSubscriptionsMadeWithThatSignIn() {
		Shopper owner = Shopper.signUp(this.port);
		String orderId = order(owner);
		Events events = LiveClient.subscribe(LiveClient.connect(this.port, owner.token()),
				LiveClient.document("orderStatusChanged"), Map.of("orderId", orderId));
		assertThat(status(events.next())).isEqualTo("PLACED");

		owner.graphQl().documentName("logOut").operationName("logOut").execute().path("logOut").entity(Boolean.class).isEqualTo(true);

		ClientGraphQlResponse last = events.next();
		assertThat(last.getErrors()).singleElement().satisfies((error) -> {
			assertThat(error.getExtensions()).containsEntry("code", "UNAUTHENTICATED");
			assertThat(error.getMessage()).isEqualTo("Your sign-in has ended; sign in again and subscribe anew.");
		});
		events.awaitCompleted();
	}

	@Test
	void aRoleTakenAwayEndsTheSubscriptionsItAllowed() {
		String orderId = order(Shopper.signUp(this.port));
		Shopper staff = Shopper.signUp(this.port);
		setRoles(staff, "[CUSTOMER, SUPPORT]");
		Events events = LiveClient.subscribe(LiveClient.connect(this.port, staff.token()),
				LiveClient.document("orderStatusChanged"), Map.of("orderId", orderId));
		assertThat(status(events.next())).isEqualTo("PLACED");

		setRoles(staff, "[CUSTOMER]");

		assertThat(events.next().getErrors()).singleElement().satisfies((error) -> {
			assertThat(error.getExtensions()).containsEntry("code", "UNAUTHENTICATED");
			assertThat(error.getMessage()).isEqualTo("Your roles have changed; subscribe anew to be answered under them.");
		});
		events.awaitCompleted();
	}

	private void setRoles(Shopper user, String roles) {
		DemoUsers.ADMIN.graphQl(this.port)
			.document("mutation { setUserRoles(userId: \"" + user.id() + "\", roles: " + roles + ") { roles } }")
			.executeAndVerify();
	}

	@Test
	void anOpenConnectionIsJudgedByTheSignInAsItStandsNow() {
		Shopper shopper = Shopper.signUp(this.port);
		WebSocketGraphQlClient live = LiveClient.connect(this.port, shopper.token());
		assertThat(live.document("{ me { id } }").execute().block(Duration.ofSeconds(10))
			.field("me.id")
			.toEntity(String.class)).isEqualTo(shopper.id());

		shopper.graphQl().documentName("logOut").operationName("logOut").execute().path("logOut").entity(Boolean.class)
			.isEqualTo(true);

		ClientGraphQlResponse afterSignOut = live.document("{ me { id } }").execute().block(Duration.ofSeconds(10));
		assertThat(afterSignOut.getErrors()).singleElement()
			.satisfies((error) -> assertThat(error.getExtensions()).containsEntry("code", "UNAUTHENTICATED"));
	}

	@Test
	void supportFollowsAnyOrderAndAnAnonymousCallerIsAskedToSignIn() {
		String orderId = order(Shopper.signUp(this.port));

		Events support = LiveClient.subscribe(LiveClient.connect(this.port, DemoUsers.SUPPORT.token(this.port)),
				LiveClient.document("orderStatusChanged"), Map.of("orderId", orderId));
		assertThat(status(support.next())).isEqualTo("PLACED");
		support.cancel();

		Events anonymous = LiveClient.subscribe(LiveClient.connect(this.port, null),
				LiveClient.document("orderStatusChanged"), Map.of("orderId", orderId));
		assertThat(code(anonymous)).isEqualTo("UNAUTHENTICATED");
	}

	@Test
	void aProductsAvailabilityIsSentWhenItSellsOutAndWhenItIsRestocked() {
		String product = this.products.create(1, "4.00");
		Events events = LiveClient.subscribe(LiveClient.connect(this.port, null),
				LiveClient.document("productAvailabilityChanged"), Map.of("productIds", List.of(product)));
		LiveClient.awaitListening(this.meters, 1);

		order(Shopper.signUp(this.port), product);
		ClientGraphQlResponse soldOut = events.next();
		assertThat(soldOut.field("productAvailabilityChanged.id").toEntity(String.class)).isEqualTo(product);
		assertThat(soldOut.field("productAvailabilityChanged.inStock").toEntity(Boolean.class)).isFalse();

		adjustStock(product, 3);
		assertThat(events.next().field("productAvailabilityChanged.inStock").toEntity(Boolean.class)).isTrue();

		// from 3 to 4 units nothing a shopper sees changes: nothing is sent
		adjustStock(product, 1);
		events.nothingWithin(Duration.ofMillis(500));

		DemoUsers.ADMIN.graphQl(this.port)
			.document("mutation { updateProduct(id: \"" + product + "\", input: {price: {amount: \"5.50\", currency: \"USD\"}}) { id } }")
			.executeAndVerify();
		ClientGraphQlResponse repriced = events.next();
		assertThat(repriced.field("productAvailabilityChanged.price.amount").toEntity(String.class)).isEqualTo("5.50");
		assertThat(repriced.field("productAvailabilityChanged.inStock").toEntity(Boolean.class)).isTrue();
		events.cancel();
	}

	@Test
	void subscriptionsAreCappedPerConnectionAndPerAddress() {
		String product = this.products.create(5, "4.00");
		Map<String, Object> variables = Map.of("productIds", List.of(product));
		String document = LiveClient.document("productAvailabilityChanged");
		WebSocketGraphQlClient first = LiveClient.connect(this.port, null);
		WebSocketGraphQlClient second = LiveClient.connect(this.port, null);

		Events one = LiveClient.subscribe(first, document, variables);
		Events two = LiveClient.subscribe(first, document, variables);
		LiveClient.awaitListening(this.meters, 2);
		Events three = LiveClient.subscribe(first, document, variables);
		assertThat(three.firstErrors()).singleElement().satisfies((error) -> {
			assertThat(error.getExtensions()).containsEntry("code", "TOO_MANY_REQUESTS");
			assertThat(error.getMessage()).isEqualTo("This connection has 2 subscriptions open, as many as one may; "
					+ "end one first.");
		});

		Events elsewhere = LiveClient.subscribe(second, document, variables);
		LiveClient.awaitListening(this.meters, 3);
		assertThat(code(LiveClient.subscribe(second, document, variables))).isEqualTo("TOO_MANY_REQUESTS");

		// an ended subscription gives its place back
		one.cancel();
		LiveClient.awaitListening(this.meters, 2);
		Events again = LiveClient.subscribe(second, document, variables);
		LiveClient.awaitListening(this.meters, 3);
		for (Events events : List.of(two, elsewhere, again)) {
			events.cancel();
		}
	}

	@Test
	void aBadTokenInTheInitPayloadClosesTheConnectionUnauthorized() {
		Events events = LiveClient.subscribe(LiveClient.connect(this.port, "not-a-token"),
				LiveClient.document("productAvailabilityChanged"), Map.of("productIds", List.of(new ObjectId().toHexString())));

		// the gateway closes with 4401 Unauthorized; the client sometimes sees the socket go before that frame (1006)
		assertThat(events.awaitFailure().getMessage())
			.containsPattern("disconnected with CloseStatus\\[code=(4401, reason=Unauthorized|1006, reason=null)\\]");
		LiveClient.awaitListening(this.meters, 0);
	}

	@Test
	void theLimitsOfEveryOperationApplyToSubscriptions() {
		String tooDeep = "subscription { orderStatusChanged(orderId: \"%s\") { customer { orders { edges { node { "
				+ "customer { orders { edges { node { customer { orders { edges { node { id } } } } } } } } } } } } } }";
		Events events = LiveClient.subscribe(LiveClient.connect(this.port, DemoUsers.ADMIN.token(this.port)),
				tooDeep.formatted(new ObjectId().toHexString()), Map.of());

		assertThat(events.firstErrors()).singleElement()
			.satisfies((error) -> assertThat(error.getExtensions()).containsEntry("code", "QUERY_TOO_COMPLEX")
				.containsEntry("limit", "depth"));
	}

	@Test
	void badSubscriptionInputIsRefusedWithItsCode() {
		WebSocketGraphQlClient live = LiveClient.connect(this.port, DemoUsers.ADMIN.token(this.port));

		assertThat(code(LiveClient.subscribe(live, LiveClient.document("productAvailabilityChanged"),
				Map.of("productIds", List.of())))).isEqualTo("BAD_USER_INPUT");
		assertThat(code(LiveClient.subscribe(live, LiveClient.document("productAvailabilityChanged"),
				Map.of("productIds", List.of("not-an-id"))))).isEqualTo("BAD_USER_INPUT");
		assertThat(code(LiveClient.subscribe(live, LiveClient.document("orderStatusChanged"),
				Map.of("orderId", "{\"$gt\": \"\"}")))).isEqualTo("BAD_USER_INPUT");
		assertThat(code(LiveClient.subscribe(live, LiveClient.document("orderStatusChanged"),
				Map.of("orderId", new ObjectId().toHexString())))).isEqualTo("NOT_FOUND");
	}

	private String order(Shopper shopper) {
		return order(shopper, this.products.create(10, "4.00"));
	}

	private String order(Shopper shopper, String product) {
		shopper.add(product, 1).errors().verify();
		return shopper.checkout("live-" + new ObjectId()).path("checkout.id").entity(String.class).get();
	}

	private String number(String orderId) {
		return this.mongo.findById(orderId, Order.class).number();
	}

	private void setStatus(String orderId, String status) {
		DemoUsers.ADMIN.graphQl(this.port)
			.documentName("orderLifecycle")
			.operationName("setOrderStatus")
			.variable("id", orderId)
			.variable("status", status)
			.executeAndVerify();
	}

	private void adjustStock(String product, int delta) {
		DemoUsers.ADMIN.graphQl(this.port)
			.document("mutation { adjustStock(productId: \"" + product + "\", delta: " + delta + ") { stock } }")
			.executeAndVerify();
	}

	private static String status(ClientGraphQlResponse response) {
		assertThat(response.getErrors()).isEmpty();
		return response.field("orderStatusChanged.status").toEntity(String.class);
	}

	private static String code(Events events) {
		List<ResponseError> errors = events.firstErrors();
		assertThat(errors).as(errors.toString()).hasSize(1);
		assertThat(errors.get(0).getExtensions()).as(errors.toString()).containsKey("code");
		return String.valueOf(errors.get(0).getExtensions().get("code"));
	}

}
