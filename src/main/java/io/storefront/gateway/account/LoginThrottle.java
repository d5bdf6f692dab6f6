package io.storefront.gateway.account;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.bson.Document;

import io.storefront.gateway.graphql.ErrorCode;
import io.storefront.gateway.graphql.StorefrontException;

import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Slows, then refuses, repeated failed log-ins for one email. The count lives in MongoDB ({@code login_attempts},
 * one document per email, changed with atomic updates), so it holds across any number of gateways: from the
 * 5th failure within 15 minutes each answer is delayed a little more, from the 10th the email is refused with
 * {@code TOO_MANY_REQUESTS} for 15 minutes. A successful log-in clears it.
 */
@Component
class LoginThrottle {

	static final int SLOW_AFTER = 5;

	static final int LOCK_AFTER = 10;

	static final Duration WINDOW = Duration.ofMinutes(15);

	private static final String COLLECTION = "login_attempts";

	private final MongoOperations mongo;

	private final Clock clock;

	LoginThrottle(MongoOperations mongo, Clock clock) {
		this.mongo = mongo;
		this.clock = clock;
	}

	/** Refuses at once while the email is locked. */
	void check(String email) {
		Document attempts = this.mongo.findById(email, Document.class, COLLECTION);
		if (attempts != null && attempts.getDate("lockedUntil") != null
				&& attempts.getDate("lockedUntil").toInstant().isAfter(this.clock.instant())) {
			throw new StorefrontException(ErrorCode.TOO_MANY_REQUESTS,
					"Too many failed log-ins for this email; try again later.", null);
		}
	}

	/** Counts a failure, and makes the caller wait or locks the email when there were too many. */
	void failed(String email) {
		Instant now = this.clock.instant();
		// failures older than the window are forgotten before this one is counted
		this.mongo.updateFirst(Query.query(Criteria.where("_id").is(email).and("lastFailure").lt(now.minus(WINDOW))),
				new Update().set("failures", 0).unset("lockedUntil"), COLLECTION);
		Document attempts = this.mongo.findAndModify(Query.query(Criteria.where("_id").is(email)),
				new Update().inc("failures", 1).set("lastFailure", now),
				FindAndModifyOptions.options().upsert(true).returnNew(true), Document.class, COLLECTION);
		int failures = attempts.getInteger("failures");
		if (failures >= LOCK_AFTER) {
			this.mongo.updateFirst(Query.query(Criteria.where("_id").is(email)),
					new Update().set("lockedUntil", now.plus(WINDOW)), COLLECTION);
		}
		else if (failures >= SLOW_AFTER) {
			pause(Duration.ofMillis(200L * (failures - SLOW_AFTER + 1)));
		}
	}

	void succeeded(String email) {
		this.mongo.remove(Query.query(Criteria.where("_id").is(email)), COLLECTION);
	}

	private static void pause(Duration delay) {
		try {
			Thread.sleep(delay.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
