package io.storefront.gateway.account;

import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import io.storefront.gateway.kernel.ErrorCode;
import io.storefront.gateway.kernel.InvalidInputException;
import io.storefront.gateway.kernel.Ids;
import io.storefront.gateway.kernel.Pages;
import io.storefront.gateway.kernel.StorefrontException;
import io.storefront.gateway.security.Role;
import io.storefront.gateway.store.Leases;
import io.storefront.gateway.store.LiteralRegex;

import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Sort;
import org.springframework.data.domain.Window;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/**
 * Accounts: reading users, and changing their roles. Signing up and in is {@link SignInService}'s.
 */
@Service
public class AccountService {

	static final int MAX_SEARCH = 100;

	private static final String ADMIN_ROSTER = "admin-roster";

	private final Users users;

	private final MongoOperations mongo;

	private final PasswordEncoder passwords;

	private final Clock clock;

	private final Leases leases;

	private final Sessions sessions;

	AccountService(Users users, MongoOperations mongo, PasswordEncoder passwords, Clock clock, Leases leases,
			Sessions sessions) {
		this.users = users;
		this.sessions = sessions;
		this.mongo = mongo;
		this.passwords = passwords;
		this.clock = clock;
		this.leases = leases;
	}

	/**
	 * The user with this id as the caller may read it, if any; a malformed id is refused as input of the given
	 * field.
	 */
	Optional<User> findUser(String field, String id, UserReading reading) {
		String userId = Ids.requireId(field, id);
		return Optional.ofNullable(this.mongo.findOne(
				reading.project(Query.query(Criteria.where("id").is(userId)), reading.isCaller(userId)), User.class));
	}

	/** The users with these ids that exist as the caller may read them: one read, and one more for the caller. */
	List<User> findUsers(Collection<String> ids, UserReading reading) {
		List<String> others = new ArrayList<>();
		List<User> found = new ArrayList<>();
		for (String id : ids.stream().map(Ids::canonicalId).filter(Objects::nonNull).distinct().toList()) {
			if (reading.isCaller(id) && reading.ownDocumentNeedsMore()) {
				findUser("id", id, reading).ifPresent(found::add);
			}
			else {
				others.add(id);
			}
		}
		if (!others.isEmpty()) {
			found.addAll(this.mongo.find(reading.project(Query.query(Criteria.where("id").in(others)), false),
					User.class));
		}
		return found;
	}

	Window<User> listUsers(@Nullable Integer first, @Nullable ScrollPosition after, @Nullable String search,
			UserReading reading) {
		int size = Pages.size(first);
		Query query = new Query();
		if (search != null && !search.isBlank()) {
			if (search.length() > MAX_SEARCH) {
				throw new InvalidInputException("search", "search must be at most " + MAX_SEARCH + " characters.");
			}
			String pattern = LiteralRegex.of(search);
			// under $and, so that Spring Data's keyset $or is not merged into this one
			query.addCriteria(new Criteria().andOperator(new Criteria().orOperator(
					Criteria.where("name").regex(pattern, "i"), Criteria.where("email").regex(pattern, "i"))));
		}
		query.with(Sort.by("id")).with(Pages.after(after, java.util.Set.of("id"))).limit(size);
		Window<User> page = this.mongo.scroll(reading.project(query, false), User.class);
		// the caller's own document, if listed, is read again with what only its owner may see on it
		if (reading.ownDocumentNeedsMore() && page.stream().anyMatch((user) -> reading.isCaller(user.id()))) {
			return page.map((user) -> reading.isCaller(user.id()) ? findUser("id", user.id(), reading).orElse(user) : user);
		}
		return page;
	}

	User setRoles(String callerId, String userId, List<Role> roles) {
		String id = Ids.requireId("userId", userId);
		if (roles.isEmpty()) {
			throw new InvalidInputException("roles", "A user needs at least one role.");
		}
		if (callerId.equals(id) && !roles.contains(Role.ADMIN)) {
			throw new InvalidInputException("roles", "An admin cannot take ADMIN away from themselves.");
		}
		if (roles.contains(Role.ADMIN)) {
			return writeRoles(id, roles);
		}
		// Whether the target is the last ADMIN and taking it away are reads and a write: under one lease, so that
		// two admins demoting each other at once cannot both pass the check. A stall past the lease's time could
		// still let one in, so the write is checked afterwards too, and taken back if no ADMIN is left.
		return this.leases.runExclusively(ADMIN_ROSTER, Duration.ofSeconds(10), Duration.ofSeconds(3), () -> {
			User target = this.users.findById(id)
				.orElseThrow(() -> new StorefrontException(ErrorCode.NOT_FOUND, "No user has this id.", "userId"));
			if (target.roles().contains(Role.ADMIN) && !anyAdmin(Criteria.where("id").ne(id))) {
				throw lastAdmin();
			}
			User updated = writeRoles(id, roles);
			if (!anyAdmin(new Criteria())) {
				writeRoles(id, target.roles());
				throw lastAdmin();
			}
			return updated;
		}, () -> new StorefrontException(ErrorCode.CONFLICT, "Roles are being changed elsewhere; try again.", null));
	}

	private boolean anyAdmin(Criteria among) {
		return this.mongo.exists(Query.query(Criteria.where("roles").is(Role.ADMIN).andOperator(among)), User.class);
	}

	private static InvalidInputException lastAdmin() {
		return new InvalidInputException("roles", "This is the last ADMIN; make someone else ADMIN first.");
	}

	private User writeRoles(String id, List<Role> roles) {
		User updated = this.mongo.findAndModify(Query.query(Criteria.where("id").is(id)),
				new Update().set("roles", User.sorted(roles)).inc("version", 1),
				FindAndModifyOptions.options().returnNew(true), User.class);
		if (updated == null) {
			throw new StorefrontException(ErrorCode.NOT_FOUND, "No user has this id.", "userId");
		}
		// every token of this user carries the new roles from its next request on
		this.sessions.rolesChanged(id);
		return updated;
	}

	/**
	 * Makes the user with this email an ADMIN, keeping their other roles: for an operator bootstrapping a new
	 * deployment ({@code java -jar … grant-admin EMAIL}), which has no ADMIN to do it through the API.
	 */
	public User grantAdmin(String email) {
		String normalized = IdentityText.email(email);
		User user = (normalized != null) ? this.users.findByEmail(normalized).orElse(null) : null;
		if (user == null) {
			throw new IllegalArgumentException("No user has the email " + email + "; sign up first.");
		}
		List<Role> roles = new ArrayList<>(user.roles());
		roles.add(Role.ADMIN);
		return writeRoles(user.id(), roles);
	}

	/** Creates a user with the given roles as it is; for demo data, which is trusted. */
	User createTrusted(String id, String email, String name, String password, List<Role> roles) {
		return this.users.insert(new User(id, email, name, this.passwords.encode(password), roles,
				this.clock.instant().truncatedTo(ChronoUnit.MILLIS), null));
	}

	boolean hasNoUsers() {
		return this.users.count() == 0;
	}

}
