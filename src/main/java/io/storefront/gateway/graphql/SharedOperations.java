package io.storefront.gateway.graphql;

import org.jspecify.annotations.Nullable;

/**
 * Where operations registered through automatic persisted queries are kept for every gateway, so that a hash
 * registered through one replays on all; each gateway keeps its own cache in front. Bounded and expiring.
 */
public interface SharedOperations {

	/** The text registered under this SHA-256, or null when none is (any more); one found is marked used now. */
	@Nullable String find(String sha256);

	/** Registers a text that parsed and validated under its SHA-256. */
	void register(String sha256, String text);

}
