package io.storefront.gateway.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * The {@code changes} collection, written the same way whichever feed reads it, so that gateways reading it
 * differently (one polling, one on a change stream, as during a rolling change of settings) still hear each
 * other: each change is a document under the next number of a counter, naming the collection and the id of the
 * document that changed. A change is written after the document itself, by the gateway that changed it.
 */
final class ChangeLog {

	static final String COLLECTION = "changes";

	private static final String COUNTERS = "counters";

	private static final Logger logger = LoggerFactory.getLogger(ChangeLog.class);

	private final MongoOperations mongo;

	private final Clock clock;

	private final Duration keep;

	private volatile Instant lastCleanUp = Instant.EPOCH;

	ChangeLog(MongoOperations mongo, Clock clock, Duration keep) {
		this.mongo = mongo;
		this.clock = clock;
		this.keep = keep;
	}

	/** Writes the change; false when the store refused it, which costs subscribers this one event. */
	boolean write(String collection, String id) {
		try {
			Document counter = this.mongo.findAndModify(Query.query(Criteria.where("_id").is(COLLECTION)),
					new Update().inc("next", 1L), FindAndModifyOptions.options().upsert(true).returnNew(true),
					Document.class, COUNTERS);
			long number = ((Number) counter.get("next")).longValue();
			this.mongo.insert(new Document("_id", number).append("collection", collection)
				.append("id", id)
				.append("at", Date.from(this.clock.instant())), COLLECTION);
			return true;
		}
		catch (RuntimeException ex) {
			// the change itself is written and stays so: the writer is not failed for its announcement
			logger.warn("Could not announce a change of {} {}: {}", collection, id, ex.toString());
			return false;
		}
	}

	/** Removes changes older than {@code keep}, at most once per {@code keep}, whichever gateway gets there first. */
	void cleanUp() {
		Instant now = this.clock.instant();
		if (Duration.between(this.lastCleanUp, now).compareTo(this.keep) < 0) {
			return;
		}
		this.lastCleanUp = now;
		try {
			this.mongo.remove(Query.query(Criteria.where("at").lt(Date.from(now.minus(this.keep)))), COLLECTION);
		}
		catch (RuntimeException ex) {
			// the next gateway to get there removes them; reading the feed goes on regardless
			logger.warn("Could not remove old changes: {}", ex.toString());
		}
	}

}
