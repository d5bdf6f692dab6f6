package io.storefront.gateway.order;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import io.storefront.gateway.DemoUsers;
import io.storefront.gateway.GatewayHttpTest;
import io.storefront.gateway.MongoCommandLog;
import io.storefront.gateway.Shopper;
import org.bson.BsonDocument;
import org.bson.BsonObjectId;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.graphql.GraphQlResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A customer may cancel only their own orders, however the attempt is timed: an id that names nothing yet is
 * refused, and the write itself is confined to the caller's orders, so a race between the check and the write
 * cannot reach anyone else's.
 */
@GatewayHttpTest
class CancelOrderOwnershipTests {

	private static final int VICTIMS = 20;

	private static final int ATTACKERS = 6;

	@LocalServerPort
	int port;

	@Autowired
	MongoOperations mongo;

	@Autowired
	MongoCommandLog commands;

	TestProducts products;

	@BeforeEach
	void stock() {
		this.products = new TestProducts(this.mongo);
	}

	@AfterEach
	void removeProducts() {
		this.products.removeAll();
	}

	/**
	 * The gateway runs in this JVM and shares its ObjectId counter, so the ids it will give the next orders are
	 * exactly predictable here, as they nearly are for an attacker outside. While each victim checks out, an
	 * attacker hammers cancelOrder at the ids that victim's order can get.
	 */
	@Test
	void cancellingIdsThatBecomeSomeoneElsesOrdersNeverSucceeds() throws Exception {
		String product = this.products.create(1000, "3.00");
		Shopper attacker = Shopper.signUp(this.port);
		List<Shopper> victims = new ArrayList<>();
		for (int i = 0; i < VICTIMS; i++) {
			Shopper victim = Shopper.signUp(this.port);
			victim.add(product, 1).errors().verify();
			victims.add(victim);
		}
		Set<String> answers = ConcurrentHashMap.newKeySet();
		List<String> cancelled = new ArrayList<>();
		ExecutorService pool = Executors.newFixedThreadPool(ATTACKERS + 1);
		try {
			for (Shopper victim : victims) {
				List<String> guesses = nextIds(6);
				AtomicBoolean checkingOut = new AtomicBoolean(true);
				List<Future<?>> attacks = new ArrayList<>();
				for (int a = 0; a < ATTACKERS; a++) {
					attacks.add(pool.submit(() -> {
						while (checkingOut.get()) {
							for (String id : guesses) {
								GraphQlResponse response = attacker.graphQl()
									.documentName("orderLifecycle")
									.operationName("cancelOrder")
									.variable("id", id)
									.execute()
									.returnResponse();
								response.getErrors()
									.forEach((error) -> answers.add(String.valueOf(error.getExtensions().get("code"))));
								if (response.field("cancelOrder").getValue() != null) {
									answers.add("cancelled");
								}
							}
						}
					}));
				}
				String orderId = pool.submit(() -> victim.checkout("victim-" + new ObjectId())
					.path("checkout.id")
					.entity(String.class)
					.get()).get();
				Thread.sleep(20);
				checkingOut.set(false);
				for (Future<?> attack : attacks) {
					attack.get();
				}
				Document order = this.mongo.findById(orderId, Document.class, "orders");
				if (!"PLACED".equals(order.getString("status"))) {
					cancelled.add(orderId);
				}
			}
		}
		finally {
			pool.shutdown();
		}
		assertThat(cancelled).isEmpty();
		assertThat(answers).doesNotContain("cancelled").isSubsetOf("NOT_FOUND", "FORBIDDEN");
		assertThat(answers).contains("NOT_FOUND");
		assertThat(this.products.stock(product)).isEqualTo(1000 - VICTIMS);
	}

	@Test
	void anIdThatNamesNothingIsNotFoundEvenForItsWouldBeOwner() {
		Shopper shopper = Shopper.signUp(this.port);
		int mark = this.commands.mark();

		shopper.graphQl()
			.documentName("orderLifecycle")
			.operationName("cancelOrder")
			.variable("id", new ObjectId().toHexString())
			.execute()
			.errors()
			.satisfy((errors) -> io.storefront.gateway.ErrorAssertions.single(errors, "NOT_FOUND", "id",
					"cancelOrder"));

		assertThat(this.commands.since(mark, "orders")).extracting(MongoCommandLog.Command::name)
			.containsExactly("find");
	}

	@Test
	void aCustomersCancellationWritesOnlyWhereTheOrderIsTheirsAndStaffsAnywhere() {
		String product = this.products.create(10, "2.00");
		Shopper owner = Shopper.signUp(this.port);
		String first = order(owner, product);
		String second = order(owner, product);

		int mark = this.commands.mark();
		cancel(owner, first);
		assertThat(writeFilter(mark)).containsEntry("userId", new org.bson.BsonString(owner.id()))
			.containsEntry("_id", new BsonObjectId(new ObjectId(first)));

		mark = this.commands.mark();
		DemoUsers.SUPPORT.graphQl(this.port)
			.documentName("orderLifecycle")
			.operationName("cancelOrder")
			.variable("id", second)
			.execute()
			.path("cancelOrder.status")
			.entity(String.class)
			.isEqualTo("CANCELLED");
		assertThat(writeFilter(mark)).doesNotContainKey("userId")
			.containsEntry("_id", new BsonObjectId(new ObjectId(second)));
	}

	@Test
	void anUpperCaseIdIsTheSameOrder() {
		String product = this.products.create(10, "2.00");
		Shopper owner = Shopper.signUp(this.port);
		Shopper other = Shopper.signUp(this.port);
		String id = order(owner, product);

		other.graphQl()
			.documentName("orderLifecycle")
			.operationName("cancelOrder")
			.variable("id", id.toUpperCase())
			.execute()
			.errors()
			.satisfy((errors) -> io.storefront.gateway.ErrorAssertions.single(errors, "FORBIDDEN", null,
					"cancelOrder"));
		owner.graphQl()
			.documentName("orderLifecycle")
			.operationName("cancelOrder")
			.variable("id", id.toUpperCase())
			.execute()
			.path("cancelOrder.id")
			.entity(String.class)
			.isEqualTo(id);
	}

	private static String order(Shopper shopper, String product) {
		shopper.add(product, 1).errors().verify();
		return shopper.checkout("own-" + new ObjectId()).path("checkout.id").entity(String.class).get();
	}

	private static void cancel(Shopper shopper, String id) {
		shopper.graphQl()
			.documentName("orderLifecycle")
			.operationName("cancelOrder")
			.variable("id", id)
			.execute()
			.path("cancelOrder.status")
			.entity(String.class)
			.isEqualTo("CANCELLED");
	}

	private BsonDocument writeFilter(int mark) {
		List<MongoCommandLog.Command> writes = this.commands.since(mark, "orders")
			.stream()
			.filter((command) -> command.name().equals("findAndModify"))
			.toList();
		assertThat(writes).isNotEmpty();
		BsonDocument filter = writes.get(0).filter();
		BsonDocument flat = new BsonDocument();
		filter.forEach((key, value) -> {
			if (key.equals("$and")) {
				value.asArray().forEach((condition) -> flat.putAll(condition.asDocument()));
			}
			else {
				flat.put(key, value);
			}
		});
		return flat;
	}

	/** The next ids this process will hand out, at this second and the next. */
	private static List<String> nextIds(int count) {
		ObjectId seed = new ObjectId();
		byte[] bytes = seed.toByteArray();
		int counter = ByteBuffer.wrap(new byte[] { 0, bytes[9], bytes[10], bytes[11] }).getInt();
		List<String> ids = new ArrayList<>();
		for (int second = 0; second < 2; second++) {
			for (int k = 1; k <= count; k++) {
				ids.add(new ObjectId(seed.getTimestamp() + second, (counter + k) & 0xffffff).toHexString());
			}
		}
		return ids;
	}

}
