package io.storefront.gateway.graphql;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.io.Resource;
import org.springframework.util.unit.DataSize;

/**
 * How the GraphQL endpoint protects itself, under {@code storefront.graphql}.
 *
 * @param limits what one request may ask for, checked before anything runs
 * @param persistedQueries automatic persisted queries, or a safelist of operations
 * @param documentCacheSize how many parsed and validated documents are kept
 * @param trustedProxies the proxies (addresses or CIDR ranges) whose {@code X-Forwarded-For} is believed when they
 * are the connection's peer; none by default, so the connection's peer is the client
 * @param subscriptions how many subscriptions one client may hold open on this gateway
 */
@ConfigurationProperties("storefront.graphql")
public record GatewayProperties(@DefaultValue Limits limits, @DefaultValue PersistedQueries persistedQueries,
		@DefaultValue("1000") int documentCacheSize, @DefaultValue List<String> trustedProxies,
		@DefaultValue Subscriptions subscriptions) {

	/**
	 * Beyond these a new subscription is refused with {@code TOO_MANY_REQUESTS}; those already open go on.
	 *
	 * @param maxPerConnection subscriptions open at once on one WebSocket connection
	 * @param maxPerAddress subscriptions open at once from one client address, over WebSocket and Server-Sent
	 * Events together
	 */
	public record Subscriptions(@DefaultValue("20") int maxPerConnection, @DefaultValue("200") int maxPerAddress) {

	}

	/**
	 * @param maxDepth how deep selections may nest
	 * @param maxAliases how many aliased fields one operation may have
	 * @param maxRootFields how many fields the operation's root selection may have
	 * @param maxCost the budget of the estimated work: each field costs 1, times the page sizes ({@code first},
	 * or the default page size) of the lists it is inside
	 * @param maxCharacters the longest document the parser reads
	 * @param maxTokens the most tokens the parser reads
	 * @param maxBody the largest request body; larger is HTTP 413
	 * @param timeout how long one operation may run
	 */
	public record Limits(@DefaultValue("12") int maxDepth, @DefaultValue("30") int maxAliases,
			@DefaultValue("20") int maxRootFields, @DefaultValue("5000") int maxCost,
			@DefaultValue("50000") int maxCharacters, @DefaultValue("5000") int maxTokens,
			@DefaultValue("100KB") DataSize maxBody, @DefaultValue("10s") Duration timeout) {

		/** The defaults above, for tools that run without the application's configuration. */
		public static final Limits DEFAULTS = new Limits(12, 30, 20, 5000, 50000, 5000, DataSize.ofKilobytes(100),
				Duration.ofSeconds(10));

	}

	/**
	 * @param mode APQ (clients may register operations by hash), SAFELIST (only the manifest's operations run),
	 * or OFF
	 * @param manifest an Apollo persisted query manifest; required for SAFELIST
	 * @param cacheSize how many operations registered through APQ are remembered
	 */
	public record PersistedQueries(@DefaultValue("APQ") Mode mode, @Nullable Resource manifest,
			@DefaultValue("5000") int cacheSize) {

		public enum Mode {

			APQ, SAFELIST, OFF

		}

	}

}
