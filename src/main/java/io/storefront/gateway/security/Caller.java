package io.storefront.gateway.security;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Who sent the request: a signed-in user with roles, or nobody. Controllers receive it as
 * {@code @ContextValue Caller caller}; the authorization interceptor judges every guarded field by it.
 *
 * @param userId the user's id (the token's subject), null when anonymous
 * @param roles the roles the user holds now
 * @param sessionId the session of the token, when this gateway issued it
 */
public record Caller(@Nullable String userId, Set<Role> roles, @Nullable String sessionId) {

	/** The GraphQL context key under which each request's caller is kept. */
	public static final String CONTEXT_KEY = "caller";

	private static final Caller ANONYMOUS = new Caller(null, Set.of(), null);

	public Caller {
		roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
	}

	public static Caller anonymous() {
		return ANONYMOUS;
	}

	public static Caller user(String userId, Collection<Role> roles) {
		return new Caller(userId, roles.isEmpty() ? Set.of() : EnumSet.copyOf(roles), null);
	}

	/** A signed-in user, with the session of their token. */
	public static Caller user(String userId, Collection<Role> roles, @Nullable String sessionId) {
		return new Caller(userId, roles.isEmpty() ? Set.of() : EnumSet.copyOf(roles), sessionId);
	}

	public boolean isAuthenticated() {
		return this.userId != null;
	}

	public boolean hasAnyRole(Collection<Role> wanted) {
		return wanted.stream().anyMatch(this.roles::contains);
	}

	public boolean owns(Owned owned) {
		return this.userId != null && this.userId.equals(owned.ownerId());
	}

	/** The caller's id; only for operations whose rule already required a signed-in caller. */
	public String requireUserId() {
		if (this.userId == null) {
			throw new IllegalStateException("An authenticated operation was reached without a caller");
		}
		return this.userId;
	}

}
