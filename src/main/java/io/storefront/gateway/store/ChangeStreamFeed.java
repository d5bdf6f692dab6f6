package io.storefront.gateway.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.mongodb.MongoException;
import com.mongodb.MongoServerException;
import com.mongodb.client.ChangeStreamIterable;
import com.mongodb.client.MongoChangeStreamCursor;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.changestream.ChangeStreamDocument;
import com.mongodb.client.model.changestream.OperationType;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.bson.BsonDocument;
import org.bson.Document;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.index.Index;

/**
 * The change feed read from a MongoDB change stream on the {@link ChangeLog}, on a replica set or a sharded
 * cluster: the store pushes each change to every gateway as it is written, so no gateway polls, and the order is
 * the store's own. The stream is watched for the gateway's whole life. Where it has got to (its resume token) is
 * kept in the store under this gateway's {@code resume-key}: a stream that broke for longer than the driver's own
 * retry is opened again from there, skipping nothing, and a gateway started again goes on from there too. A point
 * the store refuses is dropped for now. Catching up after a restart tells subscribers little: a subscription sends
 * what its documents are now when it starts, so nobody who comes back misses a state.
 */
final class ChangeStreamFeed implements ChangeFeed, DisposableBean {

	/** The gauge that is 1 while the stream is open; while it is 0, nothing from other gateways is heard here. */
	static final String OPEN_METRIC = "storefront.changes.stream.open";

	/** Where each gateway's stream has got to, by resume key. */
	static final String POSITIONS = "change_stream_positions";

	// how long one read of the stream waits for a change before the watcher looks around (to save, to stop)
	private static final Duration AWAIT = Duration.ofSeconds(1);

	private static final Duration SAVE_EVERY = Duration.ofSeconds(10);

	// a gateway that has not kept its point for this long is gone for good, or renamed
	private static final Duration FORGET_AFTER = Duration.ofDays(30);

	private static final Set<Integer> REFUSED_POSITION = Set.of(9, 280, 286, 40647, 40649, 50811);

	private static final Duration FIRST_RETRY = Duration.ofMillis(500);

	private static final Duration LAST_RETRY = Duration.ofSeconds(30);

	private static final Duration STOP_WAIT = Duration.ofSeconds(6);

	private static final Logger logger = LoggerFactory.getLogger(ChangeStreamFeed.class);

	private final MongoOperations mongo;

	private final Clock clock;

	private final ChangeLog log;

	private final ChangeListeners listeners;

	private final String resumeKey;

	private final Thread watcher;

	// counted down when the gateway stops, which also ends a pause between two tries at once
	private final CountDownLatch stopping = new CountDownLatch(1);

	private volatile boolean watching;

	// only the watcher touches these, and destroy() once the watcher has ended
	private @Nullable BsonDocument position;

	private @Nullable BsonDocument savedPosition;

	private Instant savedAt = Instant.EPOCH;

	ChangeStreamFeed(MongoOperations mongo, Clock clock, ChangeLog log, ChangeListeners listeners, String resumeKey,
			@Nullable MeterRegistry meters) {
		this.mongo = mongo;
		this.clock = clock;
		this.log = log;
		this.listeners = listeners;
		this.resumeKey = resumeKey;
		this.watcher = new Thread(this::watch, "change-stream");
		this.watcher.setDaemon(true);
		if (meters != null) {
			Gauge.builder(OPEN_METRIC, this, (feed) -> feed.watching() ? 1 : 0)
				.description("1 while this gateway's change stream is open, 0 while it is being opened again")
				.register(meters);
		}
	}

	/** Starts watching, from this gateway's stored position when it has one, else from now. */
	void start() {
		try {
			this.mongo.indexOps(POSITIONS).createIndex(new Index().on("at", Sort.Direction.ASC).expire(FORGET_AFTER));
		}
		catch (RuntimeException ex) {
			logger.warn("Could not make the index that forgets the points of gateways long gone: {}", ex.toString());
		}
		this.position = storedPosition();
		this.savedPosition = this.position;
		this.watcher.start();
	}

	/** Whether the stream is open now, rather than being opened again after a failure. */
	boolean watching() {
		return this.watching;
	}

	@Override
	public void changed(String collection, String id) {
		this.log.write(collection, id);
	}

	@Override
	public Flux<String> changes(String collection, Set<String> ids) {
		return this.listeners.listen(collection, ids, () -> {
		}, () -> {
		});
	}

	private void watch() {
		Duration retry = FIRST_RETRY;
		while (running()) {
			boolean opened = false;
			try (MongoChangeStreamCursor<ChangeStreamDocument<Document>> cursor = open()) {
				opened = true;
				this.watching = true;
				while (running()) {
					long asked = System.nanoTime();
					ChangeStreamDocument<Document> change = cursor.tryNext();
					// only now is the stream known to work: a point refused on the first read is not retried at once
					retry = FIRST_RETRY;
					BsonDocument reached = cursor.getResumeToken();
					if (reached != null) {
						this.position = reached;
					}
					// the server ends the stream when the collection is dropped or renamed: a new one starts after
					// the point it ended at, shortly, so that a server ending it again is no busy loop
					boolean ended = change == null && cursor.getServerCursor() == null;
					if (change != null && change.getOperationType() == OperationType.INVALIDATE) {
						this.position = change.getResumeToken();
						ended = true;
					}
					if (ended) {
						pause(FIRST_RETRY);
						break;
					}
					if (change != null && change.getFullDocument() != null) {
						Document written = change.getFullDocument();
						this.listeners.tell(written.getString("collection"), written.getString("id"));
					}
					else if (change == null && System.nanoTime() - asked < AWAIT.toNanos() / 10) {
						// a read that did not wait for the server: whatever the cause, not a busy loop
						pause(AWAIT.dividedBy(10));
					}
					saveWhenDue();
					this.log.cleanUp();
				}
			}
			catch (RuntimeException ex) {
				if (!running()) {
					return;
				}
				failed(ex, opened);
				if (!pause(retry)) {
					return;
				}
				retry = longer(retry);
			}
			finally {
				this.watching = false;
			}
		}
	}

	private MongoChangeStreamCursor<ChangeStreamDocument<Document>> open() {
		ChangeStreamIterable<Document> stream = this.mongo.getCollection(ChangeLog.COLLECTION)
			.watch(List.of(Aggregates.match(Filters.in("operationType", "insert", "invalidate"))))
			.maxAwaitTime(AWAIT.toMillis(), TimeUnit.MILLISECONDS);
		BsonDocument from = this.position;
		return ((from != null) ? stream.startAfter(from) : stream).cursor();
	}

	// the driver has already tried once to resume a broken stream; it is opened again from the last point reached
	private void failed(RuntimeException ex, boolean opened) {
		if (this.position != null && refusedPosition(ex)) {
			// the changes between that point and now are told to nobody: a subscription sends what its documents
			// are now when it starts, so a subscriber who comes back misses no state, only the news of a change
			logger.warn("The change stream can't go on from where gateway '{}' had got to ({}); starting from now",
					this.resumeKey, ex.toString());
			this.position = null;
			return;
		}
		logger.warn((opened ? "The change stream broke" : "Could not open the change stream")
				+ "; opening it again from where it was: {}", ex.toString());
	}

	// the server refused the point itself: malformed (FailedToParse and the resume token's own checks), no longer
	// in the oplog (ChangeStreamHistoryLost) or not found there (ChangeStreamFatalError); anything else, such as an
	// election or a lost connection, is tried again from the same point
	private static boolean refusedPosition(RuntimeException ex) {
		return ex instanceof MongoServerException server && REFUSED_POSITION.contains(server.getCode());
	}

	private static Duration longer(Duration retry) {
		return (retry.compareTo(LAST_RETRY.dividedBy(2)) < 0) ? retry.multipliedBy(2) : LAST_RETRY;
	}

	private boolean running() {
		return this.stopping.getCount() > 0;
	}

	// false once the gateway is stopping
	private boolean pause(Duration retry) {
		try {
			return !this.stopping.await(retry.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private void saveWhenDue() {
		Instant now = this.clock.instant();
		if (Duration.between(this.savedAt, now).compareTo(SAVE_EVERY) >= 0) {
			save(now);
		}
	}

	private void save(Instant now) {
		BsonDocument reached = this.position;
		if (reached == null || reached.equals(this.savedPosition)) {
			return;
		}
		try {
			// the driver's own codecs, so that the token is kept exactly as the server gave it
			this.mongo.getCollection(POSITIONS)
				.replaceOne(Filters.eq("_id", this.resumeKey),
						new Document("_id", this.resumeKey).append("token", reached).append("at", Date.from(now)),
						new ReplaceOptions().upsert(true));
			this.savedPosition = reached;
			this.savedAt = now;
		}
		catch (MongoException ex) {
			logger.warn("Could not keep where the change stream has got to: {}", ex.toString());
		}
	}

	private @Nullable BsonDocument storedPosition() {
		try {
			BsonDocument stored = this.mongo.getCollection(POSITIONS)
				.withDocumentClass(BsonDocument.class)
				.find(Filters.eq("_id", this.resumeKey))
				.first();
			return (stored != null && stored.isDocument("token")) ? stored.getDocument("token") : null;
		}
		catch (RuntimeException ex) {
			logger.warn("Could not read where the change stream had got to; starting from now: {}", ex.toString());
			return null;
		}
	}

	@Override
	public void destroy() throws InterruptedException {
		this.stopping.countDown();
		// a read waits at most AWAIT; an open, as long as the driver waits for a server
		this.watcher.join(AWAIT.plus(STOP_WAIT).toMillis());
		if (!this.watcher.isAlive()) {
			save(this.clock.instant());
		}
	}

}
