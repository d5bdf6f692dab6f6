package io.storefront.gateway.security;

/**
 * The roles of the schema's {@code Role} enum, in the same order.
 */
public enum Role {

	/** Everyone who signs up. */
	CUSTOMER,

	/** Staff: reads all orders and users, may cancel orders; cannot touch the catalog or roles. */
	SUPPORT,

	/** Everything. */
	ADMIN

}
