package io.storefront.gateway.security;

/**
 * A document that belongs to one user, for {@code @ownerOrRole}: a user owns itself, its cart and its orders.
 */
public interface Owned {

	/** The id of the user who owns this. */
	String ownerId();

}
