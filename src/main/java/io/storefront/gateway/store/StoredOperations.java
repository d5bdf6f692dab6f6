package io.storefront.gateway.store;

import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;

import org.bson.Document;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.storefront.gateway.graphql.SharedOperations;

import org.springframework.dao.DataAccessException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * The operations registered through automatic persisted queries, in {@code persisted_operations}: one document per
 * hash, written once however many gateways register it, and read by any gateway whose own cache lacks it, which
 * marks it used. Every so many registrations a gateway removes those unused past {@code keep}, and the oldest
 * beyond {@code max}.
 */
@Component
class StoredOperations implements SharedOperations {

	static final String COLLECTION = "persisted_operations";

	private static final int TIDY_EVERY = 100;

	private static final Logger logger = LoggerFactory.getLogger(StoredOperations.class);

	private final MongoOperations mongo;

	private final Clock clock;

	private final StoreProperties.PersistedOperations settings;

	private final AtomicLong registrations = new AtomicLong();

	StoredOperations(MongoOperations mongo, Clock clock, StoreProperties properties) {
		this.mongo = mongo;
		this.clock = clock;
		this.settings = properties.persistedOperations();
	}

	// a store that cannot be asked is a hash not known here: the client sends the text again, as the protocol says
	@Override
	public @Nullable String find(String sha256) {
		try {
			Document stored = this.mongo.findAndModify(Query.query(Criteria.where("_id").is(sha256)),
					Update.update("at", Date.from(this.clock.instant())), Document.class, COLLECTION);
			return (stored != null) ? stored.getString("text") : null;
		}
		catch (DataAccessException ex) {
			logger.warn("Could not read a persisted operation: {}", ex.toString());
			return null;
		}
	}

	@Override
	public void register(String sha256, String text) {
		try {
			this.mongo.upsert(Query.query(Criteria.where("_id").is(sha256)),
					new Update().setOnInsert("text", text).set("at", Date.from(this.clock.instant())), COLLECTION);
			if (this.registrations.incrementAndGet() % TIDY_EVERY == 0) {
				tidy();
			}
		}
		catch (DataAccessException ex) {
			// the operation runs all the same; other gateways ask for its text once more
			logger.warn("Could not share a persisted operation: {}", ex.toString());
		}
	}

	private void tidy() {
		Instant now = this.clock.instant();
		this.mongo.remove(Query.query(Criteria.where("at").lt(Date.from(now.minus(this.settings.keep())))),
				COLLECTION);
		long over = this.mongo.count(new Query(), COLLECTION) - this.settings.max();
		if (over > 0) {
			Query oldest = new Query().with(Sort.by("at")).skip(over - 1).limit(1);
			Document cut = this.mongo.findOne(oldest, Document.class, COLLECTION);
			if (cut != null) {
				this.mongo.remove(Query.query(Criteria.where("at").lte(cut.getDate("at"))), COLLECTION);
			}
		}
	}

}
