package io.storefront.gateway.store;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

import io.micrometer.core.instrument.MeterRegistry;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Testcontainers;
import reactor.core.Disposable;

import io.storefront.gateway.Await;
import io.storefront.gateway.MongoDb;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The change stream on MongoDB 8 (a single-node replica set): chosen there by default; a gateway restarted goes
 * on from where its stream had got to, kept in the store under its resume key, while a gateway with no stored
 * point starts from now; a point the store refuses is dropped for now; a stream the server ends (its collection
 * dropped) starts again after that point; and a polling gateway and a streaming one on the same store hear each
 * other. Skipped, and reported as skipped, where no Docker engine runs.
 */
@Testcontainers(disabledWithoutDocker = true)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class ChangeStreamOnMongoDbTests {

	private static final Duration WAIT = Duration.ofSeconds(15);

	@DynamicPropertySource
	static void mongo(DynamicPropertyRegistry registry) {
		MongoDb.register(registry);
	}

	@Autowired
	MongoOperations mongo;

	@Autowired
	Clock clock;

	@Autowired
	ChangeFeed feed;

	@Autowired
	MeterRegistry meters;

	@Test
	void aReplicaSetIsWatchedThroughAChangeStream() {
		assertThat(this.feed).isInstanceOf(ChangeStreamFeed.class);
		await("the gateway's own stream open", ((ChangeStreamFeed) this.feed)::watching);
		assertThat(this.meters.get(ChangeStreamFeed.OPEN_METRIC).gauge().value()).isOne();
	}

	@Test
	void aRestartedGatewayGoesOnFromWhereItsStreamHadGotWhileANewOneStartsFromNow() throws Exception {
		String key = "restarted-" + ObjectId.get();
		ChangeLog log = log();
		ChangeStreamFeed before = stream(key);
		Heard warmUp = Heard.on(before, "seen-before");
		before.start();
		await("stream open", before::watching);
		log.write("orders", "seen-before");
		warmUp.await("seen-before");
		before.destroy();
		warmUp.stop();
		assertThat(this.mongo.getCollection(ChangeStreamFeed.POSITIONS).countDocuments(new Document("_id", key)))
			.isOne();

		log.write("orders", "made-while-away");

		ChangeStreamFeed restarted = stream(key);
		ChangeStreamFeed newcomer = stream("new-" + ObjectId.get());
		Heard onRestarted = Heard.on(restarted, "seen-before", "made-while-away", "made-after");
		Heard onNewcomer = Heard.on(newcomer, "made-while-away", "made-after");
		restarted.start();
		newcomer.start();
		await("both streams open", () -> restarted.watching() && newcomer.watching());
		log.write("orders", "made-after");
		onRestarted.await("made-while-away", "made-after");
		onNewcomer.await("made-after");
		assertThat(onRestarted.ids).containsExactly("made-while-away", "made-after");
		assertThat(onNewcomer.ids).containsExactly("made-after");
		restarted.destroy();
		newcomer.destroy();
	}

	@Test
	void aStoredPointTheStoreRefusesIsDroppedAndTheStreamStartsFromNow() throws Exception {
		String key = "refused-" + ObjectId.get();
		this.mongo.getCollection(ChangeStreamFeed.POSITIONS)
			.insertOne(new Document("_id", key).append("token", new Document("_data", "not a resume token")));
		ChangeStreamFeed stream = stream(key);
		Heard heard = Heard.on(stream, "after");
		stream.start();
		await("stream open from now", stream::watching);
		log().write("orders", "after");
		heard.await("after");
		stream.destroy();
	}

	@Test
	void aStreamEndedByItsCollectionBeingDroppedStartsAgainAfterTheDrop() throws Exception {
		ChangeLog log = log();
		ChangeStreamFeed stream = stream("dropped-" + ObjectId.get());
		Heard heard = Heard.on(stream, "before-drop", "after-drop");
		stream.start();
		await("stream open", stream::watching);
		log.write("orders", "before-drop");
		heard.await("before-drop");
		this.mongo.dropCollection(ChangeLog.COLLECTION);
		log.write("orders", "after-drop");
		heard.await("after-drop");
		assertThat(heard.ids).containsExactly("before-drop", "after-drop");
		stream.destroy();
	}

	@Test
	void aPollingGatewayAndAStreamingOneOnTheSameStoreHearEachOther() throws Exception {
		ChangeLog log = log();
		PollingChangeFeed polling = new PollingChangeFeed(this.mongo, this.clock,
				new StoreProperties.Changes(StoreProperties.Changes.Source.POLLING, null, Duration.ofMillis(100), 1000,
						Duration.ofSeconds(2), Duration.ofMinutes(10)),
				log, new ChangeListeners(null));
		ChangeStreamFeed streaming = stream("mixed-" + ObjectId.get());
		Heard byPolling = Heard.on(polling, "from-streaming");
		Heard byStreaming = Heard.on(streaming, "from-polling");
		streaming.start();
		await("stream open", streaming::watching);
		polling.changed("orders", "from-polling");
		streaming.changed("orders", "from-streaming");
		byStreaming.await("from-polling");
		byPolling.await("from-streaming");
		streaming.destroy();
		polling.destroy();
	}

	private ChangeLog log() {
		return new ChangeLog(this.mongo, this.clock, Duration.ofMinutes(10));
	}

	private ChangeStreamFeed stream(String resumeKey) {
		return new ChangeStreamFeed(this.mongo, this.clock, log(), new ChangeListeners(null), resumeKey, null);
	}

	private static void await(String what, BooleanSupplier condition) {
		Await.until(what, WAIT, condition);
	}

	/** The ids one listener has heard of, in order. */
	private static final class Heard {

		final List<String> ids = new CopyOnWriteArrayList<>();

		private Disposable subscription;

		static Heard on(ChangeFeed feed, String... ids) {
			Heard heard = new Heard();
			heard.subscription = feed.changes("orders", Set.of(ids)).subscribe(heard.ids::add);
			return heard;
		}

		void await(String... expected) {
			ChangeStreamOnMongoDbTests.await("heard " + List.of(expected) + ", so far " + this.ids,
					() -> this.ids.containsAll(List.of(expected)));
		}

		void stop() {
			this.subscription.dispose();
		}

	}

}
