package io.storefront.gateway.security;

import org.jspecify.annotations.Nullable;

/**
 * Whose objects a mutation guarded by {@code @ownerOrRole} may change, as the authorization interceptor found it:
 * anyone's, when the caller holds one of the rule's roles, or only the caller's own. The feature puts a
 * restricted scope's owner into the filter of its write, so that a race between the check and the write can
 * never reach another user's document. A controller receives it as
 * {@code @LocalContextValue OwnerScope ownerScope}; only the interceptor provides it, so a mutation that lost
 * its rule fails instead of running unconfined.
 *
 * @param ownerId the only owner whose objects may be changed, or null for any
 */
public record OwnerScope(@Nullable String ownerId) {

	/** The local context key under which a guarded mutation receives its scope. */
	public static final String CONTEXT_KEY = "ownerScope";

	/** No restriction: the caller holds one of the roles, or the rule is not about owners. */
	public static final OwnerScope ANY_OWNER = new OwnerScope(null);

	static OwnerScope ownedBy(String userId) {
		return new OwnerScope(userId);
	}

}
