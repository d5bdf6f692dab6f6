package io.storefront.gateway.account;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.bson.Document;
import org.jspecify.annotations.Nullable;

import io.storefront.gateway.kernel.ClientAddress;
import io.storefront.gateway.kernel.ErrorCode;
import io.storefront.gateway.kernel.Sha256;
import io.storefront.gateway.kernel.StorefrontException;
import io.storefront.gateway.security.SecurityProperties;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Counts log-in and sign-up attempts, before any password is looked at, and refuses those over a limit with
 * {@code TOO_MANY_REQUESTS} and {@code extensions.retryAfter}. Each counter is one document in MongoDB
 * ({@code throttle}) holding the times of its latest attempts; an attempt is recorded and read back in one atomic
 * update, so concurrent attempts on any number of gateways are counted one after another and a burst gets no
 * more checks than the limit. Counters: one email from one client address (so an attacker elsewhere cannot lock
 * the owner out), one address over all emails (password spraying), and sign-ups per address. A successful log-in
 * is taken back out of its counters, so they hold failures.
 */
@Component
class LoginThrottle implements SmartInitializingSingleton {

	private static final String COLLECTION = "throttle";

	private final MongoOperations mongo;

	private final Clock clock;

	private final SecurityProperties.LoginThrottle limits;

	LoginThrottle(MongoOperations mongo, Clock clock, SecurityProperties properties) {
		this.mongo = mongo;
		this.clock = clock;
		this.limits = properties.loginThrottle();
	}

	/** Lets MongoDB drop counters once their window has passed (the embedded store keeps them, which is harmless). */
	@Override
	public void afterSingletonsInstantiated() {
		this.mongo.indexOps(COLLECTION).createIndex(new Index().on("expiresAt", Sort.Direction.ASC).expire(Duration.ZERO));
	}

	/**
	 * Counts a log-in attempt from this address, for this email when it is one; refuses it when over a limit.
	 */
	void logInAttempt(@Nullable String email, ClientAddress client) {
		count("address|" + client.bucket(), this.limits.perAddress(), this.limits.window());
		if (email != null) {
			count(accountKey(email, client), this.limits.perAccountAndAddress(), this.limits.window());
		}
	}

	/**
	 * Takes one attempt back from each counter that counted this log-in, which succeeded. So the counters hold
	 * failures and attempts still under way, never more: earlier failures stay counted for their window, and a
	 * success in the middle of a burst frees one check, not a whole new budget.
	 */
	void uncountLogIn(@Nullable String email, ClientAddress client) {
		uncount("address|" + client.bucket());
		if (email != null) {
			uncount(accountKey(email, client));
		}
	}

	void signUpAttempt(ClientAddress client) {
		count("sign-up|" + client.bucket(), this.limits.signUpsPerAddress(), this.limits.signUpWindow());
	}

	private void count(String key, int limit, Duration window) {
		Instant now = this.clock.instant();
		// the last limit + 1 attempts are all that can decide whether this one is over the limit
		Document counter = this.mongo.findAndModify(Query.query(Criteria.where("_id").is(key)),
				new Update().push("hits").slice(-(limit + 1)).each(Date.from(now))
					.set("expiresAt", Date.from(now.plus(window))),
				FindAndModifyOptions.options().upsert(true).returnNew(true), Document.class, COLLECTION);
		List<Instant> recent = counter.getList("hits", Date.class, List.of())
			.stream()
			.map(Date::toInstant)
			.filter((hit) -> hit.isAfter(now.minus(window)))
			.sorted()
			.toList();
		if (recent.size() > limit) {
			// allowed again once so many of these have aged out that the next attempt is the limit-th
			Instant free = recent.get(recent.size() - limit).plus(window);
			long seconds = Math.max(1, Duration.between(now, free).toSeconds() + 1);
			throw new StorefrontException(ErrorCode.TOO_MANY_REQUESTS,
					"Too many attempts from here; try again in " + seconds + " seconds.", null,
					Map.of("retryAfter", seconds));
		}
	}

	private void uncount(String key) {
		this.mongo.updateFirst(Query.query(Criteria.where("_id").is(key)), new Update().pop("hits", Update.Position.LAST),
				COLLECTION);
	}

	// the email is hashed: the counter needs to tell emails apart, not to know them
	private static String accountKey(String email, ClientAddress client) {
		return "account|" + Sha256.hex(email) + "|" + client.bucket();
	}

}
