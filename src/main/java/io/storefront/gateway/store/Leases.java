package io.storefront.gateway.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

import org.bson.Document;
import org.bson.types.ObjectId;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Named, expiring locks in MongoDB ({@code leases}, one document per name), for the few checks that span
 * documents and must not interleave across gateways, such as "never remove the last ADMIN". A lease is taken
 * with one conditional upsert and lapses on its own when its holder dies, so a crash blocks others for at most
 * its time to live.
 */
@Component
public class Leases {

	private static final String COLLECTION = "leases";

	private static final Duration RETRY_PAUSE = Duration.ofMillis(20);

	private final MongoOperations mongo;

	private final Clock clock;

	Leases(MongoOperations mongo, Clock clock) {
		this.mongo = mongo;
		this.clock = clock;
	}

	/** A lease held: its name and the token that proves who holds it. */
	public record Lease(String name, String holder) {

	}

	/** Takes the lease if nobody holds it or its holder's time ran out. */
	public Optional<Lease> tryAcquire(String name, Duration timeToLive) {
		Instant now = this.clock.instant();
		String holder = new ObjectId().toHexString();
		try {
			Document taken = this.mongo.findAndModify(
					Query.query(Criteria.where("_id").is(name).and("until").lt(now)),
					new Update().set("holder", holder).set("until", now.plus(timeToLive)),
					FindAndModifyOptions.options().upsert(true).returnNew(true),
					Document.class, COLLECTION);
			return (taken != null && holder.equals(taken.getString("holder"))) ? Optional.of(new Lease(name, holder))
					: Optional.empty();
		}
		catch (DuplicateKeyException ex) {
			// held and not expired: the upsert tried to create a second document under the same name
			return Optional.empty();
		}
	}

	/**
	 * Runs the work under the lease, waiting up to {@code wait} for it; when the lease cannot be had in that time,
	 * throws what {@code busy} supplies.
	 */
	public <T> T runExclusively(String name, Duration timeToLive, Duration wait, Supplier<T> work,
			Supplier<? extends RuntimeException> busy) {
		Instant giveUp = this.clock.instant().plus(wait);
		Optional<Lease> lease = tryAcquire(name, timeToLive);
		while (lease.isEmpty() && this.clock.instant().isBefore(giveUp) && pause()) {
			lease = tryAcquire(name, timeToLive);
		}
		Lease held = lease.orElseThrow(busy);
		try {
			return work.get();
		}
		finally {
			release(held);
		}
	}

	public void release(Lease lease) {
		this.mongo.remove(Query.query(Criteria.where("_id").is(lease.name()).and("holder").is(lease.holder())),
				COLLECTION);
	}

	/** Waits a little; false when interrupted, which gives up waiting. */
	private static boolean pause() {
		try {
			Thread.sleep(RETRY_PAUSE.toMillis());
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

}
