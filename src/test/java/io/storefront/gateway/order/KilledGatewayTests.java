package io.storefront.gateway.order;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import de.bwaldvogel.mongo.MongoServer;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.storefront.gateway.GatewayClient;
import io.storefront.gateway.GatewayHttpTest;
import io.storefront.gateway.Shopper;
import io.storefront.gateway.StorefrontApplication;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A gateway killed with SIGKILL in the middle of a burst of checkouts, as a separate process on this test's
 * embedded store: once the surviving gateway's sweeper has run, every product's stock is its starting stock minus
 * the units of the orders that are not cancelled, no hold is left, and no checkout is left unfinished
 * (docs/checkout.md).
 */
@GatewayHttpTest
class KilledGatewayTests {

	static final int STOCK = 100;

	@LocalServerPort
	int port;

	@Autowired
	MongoServer store;

	@Autowired
	MongoOperations mongo;

	@Autowired
	OrderRecovery recovery;

	Process doomed;

	TestProducts products;

	@AfterEach
	void cleanUp() {
		if (this.doomed != null) {
			this.doomed.destroyForcibly();
		}
		if (this.products != null) {
			this.products.removeAll();
		}
	}

	@Test
	void whatAKilledGatewayLeftIsRepairedByTheSurvivorToTheExactRule() throws Exception {
		this.products = new TestProducts(this.mongo);
		List<String> stocked = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			stocked.add(this.products.create(STOCK, "3.00"));
		}
		int doomedPort = freePort();
		this.doomed = startGateway(doomedPort);
		List<HttpGraphQlTester> buyers = new ArrayList<>();
		for (int i = 0; i < 40; i++) {
			Shopper shopper = Shopper.signUp(this.port);
			shopper.add(stocked.get(i % 4), 1 + i % 3).errors().verify();
			shopper.add(stocked.get((i + 1) % 4), 1).errors().verify();
			buyers.add(GatewayClient.graphQl(doomedPort).mutate().header("Authorization", "Bearer " + shopper.token())
				.build());
		}
		awaitHealthy(doomedPort);
		for (int i = 0; i < 20; i++) {
			buyers.get(i).document("{ products(first: 5) { edges { node { id } } } }").executeAndVerify();
		}

		ExecutorService threads = Executors.newFixedThreadPool(buyers.size());
		for (HttpGraphQlTester buyer : buyers) {
			threads.submit(() -> buyer.documentName("checkout")
				.variable("input", Map.of("idempotencyKey", "killed-" + new ObjectId(), "shippingAddress",
						Shopper.address()))
				.execute());
		}
		// killed once some checkouts have finished, while the others are on their way
		long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		while (ordersOf(stocked) < 5 && System.nanoTime() < until) {
			Thread.sleep(5);
		}
		this.doomed.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
		long ordersAtTheKill = ordersOf(stocked);
		threads.shutdownNow();
		threads.awaitTermination(30, TimeUnit.SECONDS);

		int repaired = this.recovery.sweep(Duration.ZERO);

		Map<String, Integer> sold = new HashMap<>();
		for (Order order : this.mongo.find(Query.query(Criteria.where("status").ne(OrderStatus.CANCELLED)
			.and("items.productId").in(stocked)), Order.class)) {
			for (Order.OrderLine line : order.items()) {
				sold.merge(line.productId(), line.quantity(), Integer::sum);
			}
		}
		StringBuilder invariant = new StringBuilder();
		for (String product : stocked) {
			int stock = this.products.stock(product);
			invariant.append("%s: start %d, sold %d, stock %d, holds %d%n".formatted(product, STOCK,
					sold.getOrDefault(product, 0), stock, this.products.holds(product).size()));
			assertThat(stock).as(invariant.toString()).isEqualTo(STOCK - sold.getOrDefault(product, 0));
			assertThat(this.products.holds(product)).as(invariant.toString()).isEmpty();
		}
		assertThat(this.mongo.count(Query.query(Criteria.where("state").in("RESERVING", "ORDERING", "ABANDONED")),
				"checkouts")).isZero();
		assertThat(ordersAtTheKill).as("orders placed before the kill").isPositive();
		System.out.println("Killed gateway: " + ordersAtTheKill + " orders at the kill, " + repaired
				+ " checkouts repaired by the survivor, " + ordersOf(stocked) + " orders after\n" + invariant);
	}

	private long ordersOf(List<String> products) {
		return this.mongo.count(Query.query(Criteria.where("items.productId").in(products)), Order.class);
	}

	private Process startGateway(int port) throws Exception {
		InetSocketAddress address = this.store.getLocalAddress();
		Path log = Files.createTempFile("doomed-gateway", ".log");
		return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
				"-cp", System.getProperty("java.class.path"), StorefrontApplication.class.getName(),
				"--server.port=" + port,
				"--spring.mongodb.uri=mongodb://" + address.getHostString() + ":" + address.getPort() + "/storefront",
				"--storefront.checkout.sweeper-enabled=false", "--spring.main.banner-mode=off")
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
	}

	private static void awaitHealthy(int port) throws InterruptedException {
		long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		while (System.nanoTime() < until) {
			try {
				GatewayClient.http(port).get().uri("/actuator/health").exchange().expectStatus().isOk();
				return;
			}
			catch (AssertionError | RuntimeException ex) {
				Thread.sleep(200);
			}
		}
		throw new AssertionError("the second gateway did not start");
	}

	private static int freePort() throws Exception {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
