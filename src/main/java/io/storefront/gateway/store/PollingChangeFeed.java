package io.storefront.gateway.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.bson.Document;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/**
 * The change feed read by polling the {@link ChangeLog}, so that it works on every store the gateway runs on, the
 * embedded one included, which has no change streams: each gateway, while it has subscribers, reads the changes
 * numbered after the last it saw, every {@code poll-interval}, and at once after a change it made itself. Numbers
 * are taken before the document is written, so two writers may land out of order: a gap is waited for (up to
 * {@code gap-wait}) before the reader moves past it, and a change is never delivered twice by one gateway.
 */
final class PollingChangeFeed implements ChangeFeed, DisposableBean {

	private static final Logger logger = LoggerFactory.getLogger(PollingChangeFeed.class);

	private final MongoOperations mongo;

	private final Clock clock;

	private final StoreProperties.Changes settings;

	private final ChangeLog log;

	private final ChangeListeners listeners;

	private final ScheduledExecutorService reader = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "change-feed");
		thread.setDaemon(true);
		return thread;
	});

	// only the reader thread touches these
	private long floor = -1;

	private final TreeMap<Long, Instant> seenAbove = new TreeMap<>();

	private @Nullable Instant gapSince;

	private volatile @Nullable ScheduledFuture<?> reading;

	private final AtomicBoolean readPending = new AtomicBoolean();

	PollingChangeFeed(MongoOperations mongo, Clock clock, StoreProperties.Changes settings, ChangeLog log,
			ChangeListeners listeners) {
		this.mongo = mongo;
		this.clock = clock;
		this.settings = settings;
		this.log = log;
		this.listeners = listeners;
	}

	@Override
	public void changed(String collection, String id) {
		if (!this.log.write(collection, id)) {
			return;
		}
		// this gateway's own subscribers need not wait for the next round; one read pending is enough for a burst
		if (this.reading != null && this.readPending.compareAndSet(false, true)) {
			try {
				this.reader.execute(() -> {
					this.readPending.set(false);
					readSafely();
				});
			}
			catch (RejectedExecutionException ex) {
				this.readPending.set(false);
			}
		}
	}

	@Override
	public Flux<String> changes(String collection, Set<String> ids) {
		return this.listeners.listen(collection, ids, this::startReading, this::stopReadingWhenUnheard);
	}

	// nothing is read while nobody listens; a first subscriber hears of every change numbered after the newest now
	private synchronized void startReading() {
		if (this.reading == null) {
			long newest = newest();
			this.reader.execute(() -> {
				this.floor = newest;
				this.seenAbove.clear();
				this.gapSince = null;
			});
			this.reading = this.reader.scheduleWithFixedDelay(this::readSafely, this.settings.pollInterval().toMillis(),
					this.settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
		}
	}

	private synchronized void stopReadingWhenUnheard() {
		ScheduledFuture<?> reading = this.reading;
		if (reading != null && this.listeners.isEmpty()) {
			reading.cancel(false);
			this.reading = null;
		}
	}

	private void readSafely() {
		try {
			read();
			this.log.cleanUp();
		}
		catch (RuntimeException ex) {
			// the store may be away for a moment; the next round reads on from the same place
			logger.warn("Reading the change feed failed: {}", ex.toString());
		}
	}

	private long newest() {
		Document last = this.mongo.findOne(new Query().with(Sort.by(Sort.Direction.DESC, "_id")).limit(1),
				Document.class, ChangeLog.COLLECTION);
		return (last != null) ? ((Number) last.get("_id")).longValue() : 0;
	}

	private void read() {
		Query after = Query.query(Criteria.where("_id").gt(this.floor))
			.with(Sort.by("_id"))
			.limit(this.settings.batch());
		List<Document> changes = this.mongo.find(after, Document.class, ChangeLog.COLLECTION);
		Instant now = this.clock.instant();
		for (Document change : changes) {
			long number = ((Number) change.get("_id")).longValue();
			if (this.seenAbove.putIfAbsent(number, now) == null) {
				this.listeners.tell(change.getString("collection"), change.getString("id"));
			}
		}
		moveFloor(now);
	}

	// past every number seen in a row; past a gap only once it has stayed open for gap-wait
	private void moveFloor(Instant now) {
		while (!this.seenAbove.isEmpty()) {
			long lowest = this.seenAbove.firstKey();
			if (lowest == this.floor + 1) {
				this.seenAbove.pollFirstEntry();
				this.floor = lowest;
				this.gapSince = null;
			}
			else if (this.gapSince == null) {
				this.gapSince = now;
				return;
			}
			else if (Duration.between(this.gapSince, now).compareTo(this.settings.gapWait()) >= 0) {
				this.floor = lowest - 1;
				this.gapSince = null;
			}
			else {
				return;
			}
		}
	}

	@Override
	public void destroy() {
		this.reader.shutdownNow();
	}

}
