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
import com.mongodb.MongoExecutionTimeoutException;
import com.mongodb.MongoNodeIsRecoveringException;
import com.mongodb.MongoNotPrimaryException;
import com.mongodb.MongoServerException;
import com.mongodb.client.ChangeStreamIterable;
import com.mongodb.client.MongoChangeStreamCursor;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.changestream.ChangeStreamDocument;
import com.mongodb.client.model.changestream.OperationType;
import org.bson.BsonDocument;
import org.bson.Document;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.data.mongodb.core.MongoOperations;

/**
 * The change feed read from a MongoDB change stream on the {@link ChangeLog}, on a replica set or a sharded
 * cluster: the store pushes each change to every gateway as it is written, so no gateway polls, and the order is
 * the store's own. The stream is watched for the gateway's whole life. Where it has got to (its resume token) is
 * kept in the store under this gateway's {@code resume-key}, so that a gateway restarted, or whose stream broke for
 * longer than the driver's own retry, goes on from there and still tells the changes made meanwhile to whoever
 * has subscribed again by then; once the oplog no longer holds that point, it starts from now and says so.
 */
final class ChangeStreamFeed implements ChangeFeed, DisposableBean {

	/** Where each gateway's stream has got to, by resume key. */
	static final String POSITIONS = "change_stream_positions";

	// how long one read of the stream waits for a change before the watcher looks around (to save, to stop)
	private static final Duration AWAIT = Duration.ofSeconds(1);

	private static final Duration SAVE_EVERY = Duration.ofSeconds(1);

	private static final Duration FIRST_RETRY = Duration.ofMillis(500);

	private static final Duration LAST_RETRY = Duration.ofSeconds(30);

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

	ChangeStreamFeed(MongoOperations mongo, Clock clock, ChangeLog log, ChangeListeners listeners, String resumeKey) {
		this.mongo = mongo;
		this.clock = clock;
		this.log = log;
		this.listeners = listeners;
		this.resumeKey = resumeKey;
		this.watcher = new Thread(this::watch, "change-stream");
		this.watcher.setDaemon(true);
	}

	/** Starts watching, from this gateway's stored position when it has one, else from now. */
	void start() {
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
			MongoChangeStreamCursor<ChangeStreamDocument<Document>> cursor;
			try {
				cursor = open();
			}
			catch (RuntimeException ex) {
				failedToOpen(ex);
				if (!pause(retry)) {
					return;
				}
				retry = longer(retry);
				continue;
			}
			try (cursor) {
				this.watching = true;
				retry = FIRST_RETRY;
				while (running()) {
					long asked = System.nanoTime();
					ChangeStreamDocument<Document> change = cursor.tryNext();
					BsonDocument reached = cursor.getResumeToken();
					if (reached != null) {
						this.position = reached;
					}
					if (change != null && change.getOperationType() == OperationType.INVALIDATE) {
						// the collection was dropped or renamed: a new stream starts after this point
						this.position = change.getResumeToken();
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
				// the driver has already tried once to resume; the next open goes on from the last point told
				if (running()) {
					logger.warn("The change stream broke; opening it again from where it was: {}", ex.toString());
				}
			}
			finally {
				this.watching = false;
			}
		}
	}

	private MongoChangeStreamCursor<ChangeStreamDocument<Document>> open() {
		ChangeStreamIterable<Document> stream = this.mongo.getCollection(ChangeLog.COLLECTION)
			.watch(List.of(Aggregates.match(Filters.eq("operationType", "insert"))))
			.maxAwaitTime(AWAIT.toMillis(), TimeUnit.MILLISECONDS);
		BsonDocument from = this.position;
		return ((from != null) ? stream.startAfter(from) : stream).cursor();
	}

	private void failedToOpen(RuntimeException ex) {
		if (this.position != null && refusedPosition(ex)) {
			// the changes between that point and now are told to nobody: a subscriber reads its documents again
			// when it subscribes, so it misses only what changed while it was away
			logger.warn("The change stream can't resume from where gateway '{}' left it ({}); starting from now",
					this.resumeKey, ex.toString());
			this.position = null;
			return;
		}
		logger.warn("Could not open the change stream; trying again: {}", ex.toString());
	}

	// the server answered and refused the point itself (fallen off the oplog, malformed, from another stream),
	// rather than being away or between primaries, after which the same point is tried again
	private static boolean refusedPosition(RuntimeException ex) {
		return ex instanceof MongoServerException server && !(ex instanceof MongoNotPrimaryException)
				&& !(ex instanceof MongoNodeIsRecoveringException) && !(ex instanceof MongoExecutionTimeoutException)
				&& !server.hasErrorLabel("ResumableChangeStreamError");
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
		this.watcher.join(AWAIT.multipliedBy(3).toMillis());
		if (!this.watcher.isAlive()) {
			save(this.clock.instant());
		}
	}

}
