package io.storefront.gateway.order;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

import io.micrometer.core.instrument.MeterRegistry;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.storefront.gateway.AllAtOnce;
import io.storefront.gateway.DemoUsers;
import io.storefront.gateway.GatewayClient;
import io.storefront.gateway.GatewayHttpTest;
import io.storefront.gateway.LiveClient;
import io.storefront.gateway.LiveClient.Events;
import io.storefront.gateway.Shopper;
import io.storefront.gateway.StorefrontApplication;
import io.storefront.gateway.kernel.Sha256;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.mongodb.autoconfigure.MongoConnectionDetails;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two gateways on one embedded store: the test's own (A) and a second application context (B) started on A's
 * store by its URI, as a second instance behind a load balancer would be. What is done through one is heard by
 * subscribers of the other, through the change feed kept in the store; checkout keeps its guarantees across them
 * (never oversells, one order per idempotency key), since every check it makes is a condition on a write; and an
 * operation registered through automatic persisted queries on one replays on the other; a sign-out and failed
 * log-ins count on both.
 */
@GatewayHttpTest
class TwoGatewaysTests {

	static ConfigurableApplicationContext second;

	@LocalServerPort
	int port;

	@Autowired
	MongoConnectionDetails store;

	@Autowired
	MongoOperations mongo;

	TestProducts products;

	@BeforeEach
	void startTheSecondGateway() {
		this.products = new TestProducts(this.mongo);
		if (second == null) {
			// the first gateway's store by its URI: the embedded one here, a real one in the subclass
			second = new SpringApplicationBuilder(StorefrontApplication.class)
				.properties("server.port=0", "storefront.checkout.sweeper-enabled=false",
						"storefront.store.changes.resume-key=second-gateway")
				.run("--spring.mongodb.uri=" + this.store.getConnectionString().getConnectionString());
		}
	}

	@AfterEach
	void removeProductsOnceNobodyListens() {
		LiveClient.awaitListening(second.getBean(MeterRegistry.class), 0);
		this.products.removeAll();
	}

	@AfterAll
	static void stopTheSecondGateway() {
		if (second != null) {
			second.close();
			second = null;
		}
	}

	@Test
	void theSecondGatewayReportsTheSharedStoreUp() {
		// Boot's own indicator asks a command the embedded store does not know, and would report it down
		GatewayClient.http(portOf(second))
			.get()
			.uri("/actuator/health")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("UP");
	}

	@Test
	void aProductSoldOutThroughOneGatewayReachesSubscribersOfTheOther() {
		String product = this.products.create(1, "4.00");
		Events onB = LiveClient.subscribe(LiveClient.connect(portOf(second), null),
				LiveClient.document("productAvailabilityChanged"), Map.of("productIds", List.of(product)));
		LiveClient.awaitListening(second.getBean(MeterRegistry.class), 1);

		Shopper shopper = Shopper.signUp(this.port);
		shopper.add(product, 1).errors().verify();
		shopper.checkout("two-" + new ObjectId()).path("checkout.id").hasValue();

		assertThat(onB.next().field("productAvailabilityChanged.inStock").toEntity(Boolean.class)).isFalse();
		onB.cancel();
	}

	@Test
	void anOrderMovedThroughOneGatewayReachesItsOwnerOnTheOther() {
		Shopper owner = Shopper.signUp(this.port);
		String product = this.products.create(5, "4.00");
		owner.add(product, 1).errors().verify();
		String orderId = owner.checkout("two-" + new ObjectId()).path("checkout.id").entity(String.class).get();
		Events onB = LiveClient.subscribe(LiveClient.connect(portOf(second), owner.token()),
				LiveClient.document("orderStatusChanged"), Map.of("orderId", orderId));
		assertThat(onB.next().field("orderStatusChanged.status").toEntity(String.class)).isEqualTo("PLACED");

		DemoUsers.ADMIN.graphQl(this.port)
			.documentName("orderLifecycle")
			.operationName("setOrderStatus")
			.variable("id", orderId)
			.variable("status", "PAID")
			.executeAndVerify();

		assertThat(onB.next().field("orderStatusChanged.status").toEntity(String.class)).isEqualTo("PAID");
		onB.cancel();
	}

	@Test
	void oneIdempotencyKeySentToBothGatewaysAtOnceGivesOneOrder() throws Exception {
		Shopper shopper = Shopper.signUp(this.port);
		String product = this.products.create(10, "4.00");
		shopper.add(product, 2).errors().verify();
		String key = "both-" + new ObjectId();
		HttpGraphQlTester onA = shopper.graphQl();
		HttpGraphQlTester onB = GatewayClient.graphQl(portOf(second)).mutate()
			.header("Authorization", "Bearer " + shopper.token())
			.build();

		// as docs/checkout.md tells clients: while the other is still running, CONFLICT says to ask again
		List<String> orderIds = AllAtOnce.run(Stream.of(onA, onB).map((client) -> (Callable<String>) () -> {
			for (int attempt = 0; attempt < 100; attempt++) {
				GraphQlTester.Response response = client.documentName("checkout")
					.variable("input", Map.of("idempotencyKey", key, "shippingAddress", Shopper.address()))
					.execute();
				List<String> codes = codesOf(response);
				if (codes.isEmpty()) {
					return response.path("checkout.id").entity(String.class).get();
				}
				assertThat(codes).containsExactly("CONFLICT");
				LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
			}
			throw new AssertionError("no order after 100 attempts");
		}).toList());

		assertThat(orderIds).hasSize(2).containsOnly(orderIds.get(0));
		assertThat(this.mongo.count(Query.query(Criteria.where("userId").is(shopper.id())), Order.class)).isOne();
		assertThat(this.products.stock(product)).isEqualTo(8);
	}

	@Test
	void fiftyCheckoutsSpreadOverBothGatewaysNeverOversell() throws Exception {
		String product = this.products.create(20, "4.00");
		List<HttpGraphQlTester> buyers = new ArrayList<>();
		for (int i = 0; i < 50; i++) {
			Shopper shopper = Shopper.signUp(this.port);
			shopper.add(product, 1).errors().verify();
			int gateway = (i % 2 == 0) ? this.port : portOf(second);
			buyers.add(GatewayClient.graphQl(gateway).mutate().header("Authorization", "Bearer " + shopper.token()).build());
		}

		List<String> answers = AllAtOnce.run(buyers.stream().map((client) -> (Callable<String>) () -> {
			GraphQlTester.Response response = client.documentName("checkout")
				.variable("input", Map.of("idempotencyKey", "fifty-" + new ObjectId(), "shippingAddress",
						Shopper.address()))
				.execute();
			List<String> codes = codesOf(response);
			return codes.isEmpty() ? "ORDER" : String.join(",", codes);
		}).toList());

		assertThat(answers.stream().filter("ORDER"::equals)).hasSize(20);
		assertThat(answers.stream().filter((answer) -> !answer.equals("ORDER"))).hasSize(30)
			.containsOnly("OUT_OF_STOCK");
		assertThat(this.products.stock(product)).isZero();
		assertThat(this.products.holds(product)).isEmpty();
	}

	@Test
	void anOperationRegisteredThroughOneGatewayReplaysOnTheOther() {
		String query = "query apqAcross { products(first: 1, sort: PRICE_ASC) { edges { node { sku } } } } # "
				+ new ObjectId();
		Map<String, Object> byHash = byHash(query);

		persisted(portOf(second), Map.of("extensions", byHash)).jsonPath("$.errors[0].extensions.code")
			.isEqualTo("PERSISTED_QUERY_NOT_FOUND");
		persisted(this.port, Map.of("query", query, "extensions", byHash)).jsonPath("$.data.products.edges[0].node.sku")
			.isEqualTo("COF-001");

		persisted(portOf(second), Map.of("extensions", byHash)).jsonPath("$.data.products.edges[0].node.sku")
			.isEqualTo("COF-001");
	}

	@Test
	void anOperationReplayedFromTheSharedRegistryIsMarkedUsedThere() {
		String query = "query apqKept { products(first: 1, sort: PRICE_ASC) { edges { node { sku } } } } # "
				+ new ObjectId();
		String hash = Sha256.hex(query);
		Map<String, Object> byHash = byHash(query);
		persisted(this.port, Map.of("query", query, "extensions", byHash)).jsonPath("$.data.products.edges[0].node.sku")
			.isEqualTo("COF-001");
		Date sixDaysAgo = Date.from(Instant.now().minus(Duration.ofDays(6)));
		this.mongo.updateFirst(Query.query(Criteria.where("_id").is(hash)), Update.update("at", sixDaysAgo),
				"persisted_operations");

		persisted(portOf(second), Map.of("extensions", byHash)).jsonPath("$.data.products.edges[0].node.sku")
			.isEqualTo("COF-001");

		Document stored = this.mongo.findById(hash, Document.class, "persisted_operations");
		assertThat(stored.getDate("at")).isAfter(Date.from(Instant.now().minus(Duration.ofMinutes(1))));
		assertThat(stored.getString("text")).isEqualTo(query);
	}

	@Test
	void anOperationThatDoesNotValidateIsNeverShared() {
		String query = "{ products { nope } } # " + new ObjectId();
		Map<String, Object> byHash = byHash(query);

		persisted(this.port, Map.of("query", query, "extensions", byHash)).jsonPath("$.errors[0].extensions.code")
			.isEqualTo("BAD_USER_INPUT");

		persisted(portOf(second), Map.of("extensions", byHash)).jsonPath("$.errors[0].extensions.code")
			.isEqualTo("PERSISTED_QUERY_NOT_FOUND");
		assertThat(this.mongo.exists(Query.query(Criteria.where("_id").is(Sha256.hex(query))), "persisted_operations"))
			.isFalse();
	}

	// the extensions of a request that names its operation by hash, as Apollo's clients send them
	private static Map<String, Object> byHash(String query) {
		return Map.of("persistedQuery", Map.of("version", 1, "sha256Hash", Sha256.hex(query)));
	}

	private static WebTestClient.BodyContentSpec persisted(int port, Map<String, Object> body) {
		return GatewayClient.http(port)
			.post()
			.uri("/graphql")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody();
	}

	@Test
	void aSignOutThroughOneGatewayEndsTheTokenOnTheOther() throws InterruptedException {
		Shopper shopper = Shopper.signUp(this.port);
		WebTestClient onB = GatewayClient.http(portOf(second));
		me(onB, shopper.token()).expectStatus().isOk();

		shopper.graphQl().documentName("logOut").operationName("logOut").execute().path("logOut").entity(Boolean.class)
			.isEqualTo(true);

		// B goes by what it last read of the user for at most recheck-after (2 s)
		long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (me(onB, shopper.token()).returnResult(String.class).getStatus().value() != 401) {
			assertThat(System.nanoTime()).as("the token refused on the other gateway").isLessThan(until);
			Thread.sleep(100);
		}
	}

	@Test
	void failedLogInsThroughBothGatewaysCountTogether() {
		Shopper owner = Shopper.signUp(this.port);
		List<String> codes = new ArrayList<>();
		for (int i = 0; i < 12; i++) {
			int gateway = (i % 2 == 0) ? this.port : portOf(second);
			GatewayClient.graphQl(gateway)
				.document("mutation { logIn(input: {email: \"" + owner.email() + "\", password: \"wrong password "
						+ i + "\"}) { token } }")
				.execute()
				.errors()
				.satisfy((errors) -> codes.add(String.valueOf(errors.get(0).getExtensions().get("code"))));
		}

		// ten attempts per account and address within the window, wherever they are made
		assertThat(codes.subList(0, 10)).containsOnly("UNAUTHENTICATED");
		assertThat(codes.subList(10, 12)).containsOnly("TOO_MANY_REQUESTS");
	}

	private static WebTestClient.ResponseSpec me(WebTestClient client, String token) {
		return client.post()
			.uri("/graphql")
			.header("Authorization", "Bearer " + token)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("query", "{ me { id } }"))
			.exchange();
	}

	private static List<String> codesOf(GraphQlTester.Response response) {
		List<String> codes = new ArrayList<>();
		response.errors().satisfy((errors) -> errors.forEach((error) -> codes.add(String.valueOf(
				error.getExtensions().get("code")))));
		return codes;
	}

	private static int portOf(ConfigurableApplicationContext context) {
		return ((WebServerApplicationContext) context).getWebServer().getPort();
	}

}
