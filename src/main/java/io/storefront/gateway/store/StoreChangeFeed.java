package io.storefront.gateway.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.bson.Document;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * The change feed kept in the store itself, so that it works on every store the gateway runs on, the embedded
 * one included, which has no change streams: each change is a document of {@code changes} under the next number
 * of a counter, and each gateway, while it has subscribers, reads the ones after the last it saw, every
 * {@code poll-interval}, and at once after a change it made itself. Numbers are taken before the document is
 * written, so two writers may land out of order: a gap is waited for (up to {@code gap-wait}) before the reader
 * moves past it, and a change is never delivered twice by one gateway. Changes older than {@code keep} are removed by whichever gateway gets there first.
 */
@Component
class StoreChangeFeed implements ChangeFeed, DisposableBean {

	static final String COLLECTION = "changes";

	/** The gauge of subscriptions listening on this gateway. */
	static final String LISTENERS_METRIC = "storefront.subscriptions.listening";

	private static final String COUNTERS = "counters";

	private static final Logger logger = LoggerFactory.getLogger(StoreChangeFeed.class);

	private final MongoOperations mongo;

	private final Clock clock;

	private final StoreProperties.Changes settings;

	private final List<Listener> listeners = new CopyOnWriteArrayList<>();

	private final ScheduledExecutorService reader = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "change-feed");
		thread.setDaemon(true);
		return thread;
	});

	// only the reader thread touches these
	private long floor = -1;

	private final TreeMap<Long, Instant> seenAbove = new TreeMap<>();

	private @Nullable Instant gapSince;

	private Instant lastCleanUp = Instant.EPOCH;

	private volatile @Nullable ScheduledFuture<?> reading;

	private final AtomicBoolean readPending = new AtomicBoolean();

	StoreChangeFeed(MongoOperations mongo, Clock clock, StoreProperties properties,
			ObjectProvider<MeterRegistry> meters) {
		this.mongo = mongo;
		this.clock = clock;
		this.settings = properties.changes();
		MeterRegistry registry = meters.getIfAvailable();
		if (registry != null) {
			Gauge.builder(LISTENERS_METRIC, this.listeners, List::size)
				.description("Subscriptions this gateway holds that listen to the change feed")
				.register(registry);
		}
	}

	/** A subscriber waiting for changes to some documents of one collection. */
	private record Listener(String collection, Set<String> ids, FluxSink<String> sink) {

	}

	@Override
	public void changed(String collection, String id) {
		try {
			Document counter = this.mongo.findAndModify(Query.query(Criteria.where("_id").is(COLLECTION)),
					new Update().inc("next", 1L), FindAndModifyOptions.options().upsert(true).returnNew(true),
					Document.class, COUNTERS);
			long number = ((Number) counter.get("next")).longValue();
			this.mongo.insert(new Document("_id", number).append("collection", collection)
				.append("id", id)
				.append("at", Date.from(this.clock.instant())), COLLECTION);
		}
		catch (RuntimeException ex) {
			// the change itself is written and stays so: subscribers miss this one event, the writer is not failed
			logger.warn("Could not announce a change of {} {}: {}", collection, id, ex.toString());
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
		// registered before this returns to the subscriber, so that every change read from then on reaches it; a
		// slow subscriber buffers its own changes rather than losing them or holding up the others
		return Flux.create((sink) -> {
			Listener listener = new Listener(collection, Set.copyOf(ids), sink);
			this.listeners.add(listener);
			sink.onDispose(() -> {
				this.listeners.remove(listener);
				stopReadingWhenUnheard();
			});
			startReading();
		}, FluxSink.OverflowStrategy.BUFFER);
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
			cleanUp();
		}
		catch (RuntimeException ex) {
			// the store may be away for a moment; the next round reads on from the same place
			logger.warn("Reading the change feed failed: {}", ex.toString());
		}
	}

	private long newest() {
		Document last = this.mongo.findOne(new Query().with(Sort.by(Sort.Direction.DESC, "_id")).limit(1),
				Document.class, COLLECTION);
		return (last != null) ? ((Number) last.get("_id")).longValue() : 0;
	}

	private void read() {
		Query after = Query.query(Criteria.where("_id").gt(this.floor))
			.with(Sort.by("_id"))
			.limit(this.settings.batch());
		List<Document> changes = this.mongo.find(after, Document.class, COLLECTION);
		Instant now = this.clock.instant();
		for (Document change : changes) {
			long number = ((Number) change.get("_id")).longValue();
			if (this.seenAbove.putIfAbsent(number, now) == null) {
				tell(change.getString("collection"), change.getString("id"));
			}
		}
		moveFloor(now);
	}

	private void tell(String collection, String id) {
		for (Listener listener : this.listeners) {
			if (listener.collection().equals(collection) && listener.ids().contains(id)) {
				listener.sink().next(id);
			}
		}
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

	private void cleanUp() {
		Instant now = this.clock.instant();
		if (Duration.between(this.lastCleanUp, now).compareTo(this.settings.keep()) < 0) {
			return;
		}
		this.lastCleanUp = now;
		this.mongo.remove(Query.query(Criteria.where("at").lt(Date.from(now.minus(this.settings.keep())))),
				COLLECTION);
	}

	@Override
	public void destroy() {
		this.reader.shutdownNow();
	}

}
