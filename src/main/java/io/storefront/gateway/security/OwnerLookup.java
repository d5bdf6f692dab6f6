package io.storefront.gateway.security;

import java.util.Optional;

/**
 * Finds, by id, the objects of one schema type, for {@code @ownerOrRole} on a root mutation: the rule must be
 * judged against the object the mutation will change before the mutation runs. A feature registers one per
 * type it owns, as a bean.
 */
public interface OwnerLookup {

	/** The schema type this finds, for example {@code Order}. */
	String typeName();

	Optional<? extends Owned> findOwned(String id);

}
