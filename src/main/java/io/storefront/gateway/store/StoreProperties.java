package io.storefront.gateway.store;

import java.nio.file.Path;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the store under {@code storefront.store}.
 *
 * @param embedded the embedded server, used only when no MongoDB URI is configured and it is asked for
 * @param demoData whether to load demo data into empty collections: {@code true} always, {@code false} never,
 * unset (the default) only on the embedded store in the {@code dev} profile
 * @param demoPassword the password of the demo accounts; the dev profile uses the one README publishes, which
 * no other profile may use. Unset outside dev: demo data comes without accounts
 * @param timeout how long a request waits for MongoDB (to find a server, to connect, to read) before it fails
 * with a clean error
 * @param changes the change feed that carries subscriptions' events between gateways
 * @param persistedOperations the operations registered through automatic persisted queries, shared by gateways
 */
@ConfigurationProperties("storefront.store")
public record StoreProperties(@DefaultValue Embedded embedded, @Nullable Boolean demoData,
		@Nullable String demoPassword, @DefaultValue("5s") Duration timeout, @DefaultValue Changes changes,
		@DefaultValue PersistedOperations persistedOperations) {

	/**
	 * @param enabled whether to start the in-memory store when no MongoDB URI is configured: the dev profile
	 * does; anywhere else it must be asked for by name, or start-up is refused
	 * @param path a file to keep the embedded data in across restarts (H2 MVStore); in memory when unset
	 */
	public record Embedded(@DefaultValue("false") boolean enabled, @Nullable Path path) {

	}

	/**
	 * @param source how gateways hear of the changes written to the store: {@code auto} (the default) watches a
	 * change stream where the store has them (a replica set or a sharded cluster) and polls where it has not (the
	 * embedded store, a standalone server)
	 * @param resumeKey the name under which this gateway keeps where its change stream has got to, to go on from
	 * there after a restart: unique to each gateway and the same across its restarts; the host name and the server
	 * port when unset (on a random port, a key of its own each start)
	 * @param pollInterval how often a polling gateway with subscribers reads the changes made since it last
	 * looked: the most a change waits before it reaches a subscriber on another gateway
	 * @param batch how many changes one poll takes at most
	 * @param gapWait how long a number missing from the feed (a change whose writer was slower than the next
	 * one's) is waited for before a polling reader moves past it
	 * @param keep how long changes are kept in the store
	 */
	public record Changes(@DefaultValue("auto") Source source, @Nullable String resumeKey,
			@DefaultValue("100ms") Duration pollInterval, @DefaultValue("1000") int batch,
			@DefaultValue("2s") Duration gapWait, @DefaultValue("10m") Duration keep) {

		/** How gateways hear of changes. */
		public enum Source {

			/** A change stream where the store has them, polling where not. */
			AUTO,

			/** A change stream; start-up is refused on a store without them. */
			CHANGE_STREAM,

			/** Polling, on any store. */
			POLLING

		}

	}

	/**
	 * @param max how many registered operations are kept at most; the least recently used go first
	 * @param keep how long a registered operation is kept after it was last used: registered, or asked for by a
	 * gateway, each of which asks again at least daily while it serves the operation from its own cache
	 */
	public record PersistedOperations(@DefaultValue("10000") long max, @DefaultValue("7d") Duration keep) {

	}

}
