package io.storefront.gateway.store;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.UUID;

import com.mongodb.client.MongoClient;
import com.mongodb.connection.ClusterType;
import de.bwaldvogel.mongo.MongoServer;
import io.micrometer.core.instrument.MeterRegistry;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.data.mongodb.core.MongoOperations;

/**
 * The change feed this gateway reads, chosen by {@code storefront.store.changes.source} and by what the store is:
 * a change stream on a replica set or a sharded cluster, polling on the embedded store or a standalone server.
 * Both read the same {@link ChangeLog}, so gateways that chose differently still hear each other.
 */
@Configuration(proxyBeanMethods = false)
class ChangeFeedConfiguration {

	static final String SOURCE = "storefront.store.changes.source";

	private static final Logger logger = LoggerFactory.getLogger(ChangeFeedConfiguration.class);

	@Bean
	ChangeFeed changeFeed(MongoClient client, MongoOperations mongo, ObjectProvider<MongoServer> embedded,
			Clock clock, StoreProperties properties, ObjectProvider<MeterRegistry> meters, Environment environment) {
		StoreProperties.Changes settings = properties.changes();
		ChangeLog log = new ChangeLog(mongo, clock, settings.keep());
		MeterRegistry registry = meters.getIfAvailable();
		ChangeListeners listeners = new ChangeListeners(registry);
		boolean onEmbedded = embedded.getIfAvailable() != null;
		ClusterType store = onEmbedded ? ClusterType.STANDALONE : clusterType(client, mongo);
		boolean streams = switch (settings.source()) {
			case POLLING -> false;
			case AUTO -> hasChangeStreams(store);
			case CHANGE_STREAM -> {
				if (store != ClusterType.UNKNOWN && !hasChangeStreams(store)) {
					throw new StoreSettingsException(SOURCE + "=change-stream needs a replica set or a sharded "
							+ "cluster; this store is " + describe(store, onEmbedded)
							+ ", which has no change streams.", "Set " + SOURCE + " to auto (polls where there are "
							+ "no change streams) or point MONGODB_URI at a replica set.");
				}
				yield true;
			}
		};
		if (!streams) {
			logger.info("Subscriptions hear of changes by polling the store every {} ms",
					settings.pollInterval().toMillis());
			return new PollingChangeFeed(mongo, clock, settings, log, listeners);
		}
		String resumeKey = (settings.resumeKey() != null) ? settings.resumeKey()
				: defaultResumeKey(environment.getProperty("server.port", "8080"));
		logger.info("Subscriptions hear of changes through a change stream, resumed under '{}'", resumeKey);
		ChangeStreamFeed feed = new ChangeStreamFeed(mongo, clock, log, listeners, resumeKey, registry);
		feed.start();
		return feed;
	}

	private static boolean hasChangeStreams(ClusterType store) {
		return store == ClusterType.REPLICA_SET || store == ClusterType.SHARDED || store == ClusterType.LOAD_BALANCED;
	}

	// what the driver found the store to be once it has reached it; unknown when it can't be reached now, in which
	// case auto polls, which works on every store
	private static ClusterType clusterType(MongoClient client, MongoOperations mongo) {
		try {
			mongo.executeCommand(new Document("ping", 1));
		}
		catch (RuntimeException ex) {
			logger.warn("Could not reach the store to tell whether it has change streams: {}", ex.toString());
			return ClusterType.UNKNOWN;
		}
		return client.getClusterDescription().getType();
	}

	private static String describe(ClusterType store, boolean embedded) {
		if (embedded) {
			return "the embedded store";
		}
		return (store == ClusterType.STANDALONE) ? "a standalone server" : store.name().toLowerCase();
	}

	// on a random port no two starts are the same gateway: a key of its own, which no restart finds again
	private static String defaultResumeKey(String port) {
		return hostName() + ":" + (port.equals("0") ? "random-" + UUID.randomUUID() : port);
	}

	private static String hostName() {
		String host = System.getenv("HOSTNAME");
		if (host != null && !host.isBlank()) {
			return host;
		}
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException ex) {
			return "gateway";
		}
	}

}
