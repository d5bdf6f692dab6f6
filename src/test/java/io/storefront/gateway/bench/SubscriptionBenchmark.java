package io.storefront.gateway.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

import de.bwaldvogel.mongo.MongoServer;

import io.storefront.gateway.LiveClient;
import io.storefront.gateway.LiveClient.Events;
import io.storefront.gateway.StorefrontApplication;
import io.storefront.gateway.store.ChangeFeed;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.graphql.client.WebSocketGraphQlClient;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The event latency of subscriptions and what one subscription costs in heap. {@code ./mvnw -Pbench-subscriptions}
 * (about 5 minutes) starts two gateways on one embedded store, as {@code TwoGatewaysTests} does, subscribes to a
 * product's availability on each, and flips the product in and out of stock 1,000 times through the first, each
 * after a random pause of up to 150 ms:
 * for each flip, the time from the mutation's response to the subscriber's message, on the same gateway and on the
 * other. Then it opens 5,000 subscriptions on one gateway and divides the heap they hold (after a full GC) among
 * them. It prints p50 and p99 of each latency and the subscriptions 1 GB of heap holds at that rate. With
 * {@code -Dbench.mongodb.uri=...} both gateways run on that MongoDB instead (an empty database: the demo catalog and
 * accounts are loaded into it), a replica set's change stream in place of polling.
 */
public final class SubscriptionBenchmark {

	static final int EVENTS = 1000;

	static final int HELD = 5000;

	static final String PASSWORD = "bench-only-demo-password";

	private SubscriptionBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		String[] common = { "--server.port=0", "--storefront.checkout.sweeper-enabled=false",
				"--storefront.security.jwt.secret=bench-only-secret-0123456789abcdef0123456789abcdef",
				"--storefront.graphql.subscriptions.max-per-address=100000", "--spring.main.banner-mode=off",
				"--logging.level.root=WARN" };
		String given = System.getProperty("bench.mongodb.uri");
		String firstStore = (given != null) ? "--spring.mongodb.uri=" + given
				: "--storefront.store.embedded.enabled=true";
		try (ConfigurableApplicationContext first = start(common, firstStore, "--storefront.store.demo-data=true",
				"--storefront.store.demo-password=" + PASSWORD)) {
			String uri = (given != null) ? given : embeddedUri(first);
			try (ConfigurableApplicationContext second = start(common, "--spring.mongodb.uri=" + uri)) {
				System.out.println("change feed: " + first.getBean(ChangeFeed.class).getClass().getSimpleName());
				latencies(port(first), port(second));
				heldSubscriptions(port(first));
			}
		}
		System.exit(0);
	}

	private static String embeddedUri(ConfigurableApplicationContext context) {
		InetSocketAddress store = context.getBean(MongoServer.class).getLocalAddress();
		return "mongodb://" + store.getHostString() + ":" + store.getPort() + "/storefront";
	}

	private static void latencies(int first, int second) {
		String admin = token(first);
		HttpGraphQlTester adminClient = HttpGraphQlTester.create(WebTestClient.bindToServer()
			.baseUrl("http://localhost:" + first + "/graphql")
			.defaultHeader("Authorization", "Bearer " + admin)
			.build());
		String product = adminClient.document("""
				mutation { createProduct(input: {sku: "BENCH-LIVE-%d", name: "Live", description: "", price: {amount: 1,
				currency: "USD"}, category: "Bench", stock: 1, cost: {amount: 1, currency: "USD"}}) { id } }"""
			.formatted(System.nanoTime() % 1_000_000)).execute().path("createProduct.id").entity(String.class).get();
		Map<String, Object> variables = Map.of("productIds", List.of(product));
		String document = LiveClient.document("productAvailabilityChanged");
		Events same = LiveClient.subscribe(LiveClient.connect(first, null), document, variables);
		Events other = LiveClient.subscribe(LiveClient.connect(second, null), document, variables);
		sleep(1000);
		long[] sameGateway = new long[EVENTS];
		long[] otherGateway = new long[EVENTS];
		Random pacing = new Random(42);
		for (int i = 0; i < EVENTS; i++) {
			// at a random moment of the other gateway's polling cycle, not right after its last read
			sleep(pacing.nextInt(150));
			int delta = (i % 2 == 0) ? -1 : 1;
			adminClient.document("mutation { adjustStock(productId: \"" + product + "\", delta: " + delta + ") { stock } }")
				.executeAndVerify();
			long answered = System.nanoTime();
			sameGateway[i] = same.nextArrival() - answered;
			otherGateway[i] = other.nextArrival() - answered;
		}
		same.cancel();
		other.cancel();
		System.out.printf("event latency, mutation's response to the subscriber's message, %d events:%n", EVENTS);
		System.out.printf("  same gateway   p50 %6.1f ms   p99 %6.1f ms%n", percentile(sameGateway, 50),
				percentile(sameGateway, 99));
		System.out.printf("  other gateway  p50 %6.1f ms   p99 %6.1f ms%n", percentile(otherGateway, 50),
				percentile(otherGateway, 99));
	}

	private static void heldSubscriptions(int port) {
		MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < 100; i++) {
			ids.add("%024x".formatted(i + 1));
		}
		Map<String, Object> variables = Map.of("productIds", ids.subList(0, 10));
		String document = LiveClient.document("productAvailabilityChanged");
		long before = heapAfterGc(memory);
		List<Events> held = new ArrayList<>();
		List<WebSocketGraphQlClient> connections = new ArrayList<>();
		for (int i = 0; i < HELD / 20; i++) {
			connections.add(LiveClient.connect(port, null));
		}
		for (int i = 0; i < HELD; i++) {
			held.add(LiveClient.subscribe(connections.get(i / 20), document, variables));
		}
		sleep(5000);
		long after = heapAfterGc(memory);
		// both ends of each connection live in this JVM: the client's share is counted against the gateway
		double perSubscription = (double) (after - before) / HELD;
		System.out.printf("%d subscriptions (20 per connection, 10 products each) held %.1f MB of heap, client side "
				+ "included: %.0f bytes each, so 1 GB holds about %.0f%n", HELD, (after - before) / 1e6, perSubscription,
				1e9 / perSubscription);
		held.forEach(Events::cancel);
	}

	private static long heapAfterGc(MemoryMXBean memory) {
		for (int i = 0; i < 3; i++) {
			System.gc();
			sleep(200);
		}
		return memory.getHeapMemoryUsage().getUsed();
	}

	private static String token(int port) {
		return HttpGraphQlTester.create(WebTestClient.bindToServer().baseUrl("http://localhost:" + port + "/graphql").build())
			.document("mutation { logIn(input: {email: \"admin@storefront.example\", password: \"" + PASSWORD
					+ "\"}) { token } }")
			.execute()
			.path("logIn.token")
			.entity(String.class)
			.get();
	}

	private static double percentile(long[] nanos, int percentile) {
		long[] sorted = nanos.clone();
		Arrays.sort(sorted);
		return sorted[Math.min(sorted.length - 1, (int) Math.ceil(percentile / 100.0 * sorted.length) - 1)] / 1e6;
	}

	private static ConfigurableApplicationContext start(String[] common, String... more) {
		String[] args = Arrays.copyOf(common, common.length + more.length);
		System.arraycopy(more, 0, args, common.length, more.length);
		return new SpringApplicationBuilder(StorefrontApplication.class).run(args);
	}

	private static int port(ConfigurableApplicationContext context) {
		return ((WebServerApplicationContext) context).getWebServer().getPort();
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
