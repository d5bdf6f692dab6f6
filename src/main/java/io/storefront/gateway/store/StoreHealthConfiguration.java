package io.storefront.gateway.store;

import java.net.InetSocketAddress;
import java.util.Map;

import com.mongodb.ConnectionString;
import com.mongodb.client.MongoClient;
import de.bwaldvogel.mongo.MongoServer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.mongodb.autoconfigure.MongoConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The store's health contributor, named as Boot's MongoDB one, which it replaces on every store (see
 * {@link StoreHealthIndicator}). It names the hosts, never the credentials.
 */
@Configuration(proxyBeanMethods = false)
class StoreHealthConfiguration {

	@Bean
	StoreHealthIndicator mongoHealthContributor(MongoClient client, MongoConnectionDetails connection,
			ObjectProvider<MongoServer> embedded) {
		ConnectionString uri = connection.getConnectionString();
		String database = (uri.getDatabase() != null) ? uri.getDatabase() : EmbeddedStoreConfiguration.DATABASE;
		MongoServer server = embedded.getIfAvailable();
		if (server != null) {
			InetSocketAddress address = server.getLocalAddress();
			return new StoreHealthIndicator(client, database, Map.of("store", "embedded (mongo-java-server)", "address",
					address.getHostString() + ":" + address.getPort()));
		}
		return new StoreHealthIndicator(client, database, Map.of("store", "MongoDB", "hosts", uri.getHosts()));
	}

}
