package io.storefront.gateway.store;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.mongodb.autoconfigure.MongoConnectionDetails;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A change stream the store won't open (the embedded store has none; a real one may refuse a user without the
 * right): the gateway tries again less and less often, never in a loop, says so on a gauge, goes on writing its own
 * changes for gateways that poll, and stops at once with the gateway. {@code ChangeStreamOnMongoDbTests} covers the
 * stream itself on a replica set.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class ChangeStreamFeedTests {

	@Autowired
	MongoConnectionDetails store;

	@Autowired
	Clock clock;

	@Test
	void aStreamTheStoreWontOpenIsTriedAgainLessAndLessOftenAndStopsWithTheGateway() throws Exception {
		AtomicInteger opens = new AtomicInteger();
		CommandListener counting = new CommandListener() {
			@Override
			public void commandStarted(CommandStartedEvent event) {
				if (event.getCommandName().equals("aggregate")) {
					opens.incrementAndGet();
				}
			}
		};
		try (MongoClient client = MongoClients.create(MongoClientSettings.builder()
			.applyConnectionString(this.store.getConnectionString())
			.addCommandListener(counting)
			.build())) {
			MongoTemplate mongo = new MongoTemplate(client, "storefront");
			SimpleMeterRegistry meters = new SimpleMeterRegistry();
			ChangeStreamFeed feed = new ChangeStreamFeed(mongo, this.clock,
					new ChangeLog(mongo, this.clock, Duration.ofMinutes(10)), new ChangeListeners(null), "unopened",
					meters);
			feed.start();
			Thread.sleep(2000);
			// tried at once, after 0.5 s and after 1.5 s more; the next waits 2 s
			assertThat(feed.watching()).isFalse();
			// what an operator alerts on
			assertThat(meters.get(ChangeStreamFeed.OPEN_METRIC).gauge().value()).isZero();
			assertThat(opens.get()).isBetween(2, 3);

			feed.changed("orders", "still-announced");
			Document announced = mongo.findOne(Query.query(Criteria.where("id").is("still-announced")),
					Document.class, ChangeLog.COLLECTION);
			assertThat(announced).isNotNull();
			assertThat(announced.getString("collection")).isEqualTo("orders");

			long stopping = System.nanoTime();
			feed.destroy();
			assertThat(Duration.ofNanos(System.nanoTime() - stopping)).isLessThan(Duration.ofSeconds(1));
		}
	}

}
