package io.storefront.gateway.account;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.bson.Document;
import org.bson.types.ObjectId;

import io.storefront.gateway.security.Role;
import io.storefront.gateway.security.SecurityProperties;
import io.storefront.gateway.security.SignedInUsers;
import io.storefront.gateway.security.UserDirectory;

import org.springframework.context.annotation.Lazy;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * The open sessions of each user, kept in the user document ({@code sessions: [{id, expiresAt}]}, newest last,
 * at most {@code max-per-user}) and changed only with update operators. Signing in opens one, {@code logOut}
 * ends the caller's, {@code logOutEverywhere} ends them all; each change is seen at once by this gateway and
 * within {@code recheck-after} by every other. Also tells {@link SignedInUsers} how each user stands: roles and
 * open sessions, in one read.
 */
@Component
class Sessions implements UserDirectory {

	static final String FIELD = "sessions";

	private final MongoOperations mongo;

	private final SignedInUsers signedIn;

	private final Clock clock;

	private final int maxPerUser;

	// lazily, as the signed-in users depend on this directory in turn
	Sessions(MongoOperations mongo, @Lazy SignedInUsers signedIn, Clock clock, SecurityProperties properties) {
		this.mongo = mongo;
		this.signedIn = signedIn;
		this.clock = clock;
		this.maxPerUser = properties.sessions().maxPerUser();
	}

	@Override
	public Optional<Standing> standing(String userId) {
		Query query = byId(userId);
		query.fields().include("roles", FIELD);
		Document user = this.mongo.findOne(query, Document.class, User.COLLECTION);
		if (user == null) {
			return Optional.empty();
		}
		// a role this version does not know grants nothing
		List<Role> roles = Arrays.stream(Role.values())
			.filter((role) -> user.getList("roles", String.class, List.of()).contains(role.name()))
			.toList();
		Map<String, Instant> sessions = new LinkedHashMap<>();
		for (Document session : user.getList(FIELD, Document.class, List.of())) {
			sessions.put(session.getString("id"), session.getDate("expiresAt").toInstant());
		}
		return Optional.of(new Standing(roles, sessions));
	}

	/** Records a new session; the oldest beyond {@code max-per-user} end, and so do any that have expired. */
	void open(String userId, String sessionId, Instant expiresAt) {
		Query user = byId(userId);
		this.mongo.updateFirst(user, new Update().pull(FIELD, Query.query(Criteria.where("expiresAt")
			.lt(Date.from(this.clock.instant()))).getQueryObject()), User.COLLECTION);
		this.mongo.updateFirst(user, new Update().push(FIELD)
			.slice(-this.maxPerUser)
			.each(new Document("id", sessionId).append("expiresAt", Date.from(expiresAt))), User.COLLECTION);
		this.signedIn.forget(userId);
	}

	void end(String userId, String sessionId) {
		this.mongo.updateFirst(byId(userId),
				new Update().pull(FIELD, new Document("id", sessionId)), User.COLLECTION);
		this.signedIn.forget(userId);
	}

	void endAll(String userId) {
		this.mongo.updateFirst(byId(userId), new Update().set(FIELD, List.of()),
				User.COLLECTION);
		this.signedIn.forget(userId);
	}

	/** Roles were changed elsewhere in this feature: the next request of this user reads them afresh. */
	void rolesChanged(String userId) {
		this.signedIn.forget(userId);
	}

	private static Query byId(String userId) {
		return Query.query(Criteria.where("_id").is(new ObjectId(userId)));
	}

}
