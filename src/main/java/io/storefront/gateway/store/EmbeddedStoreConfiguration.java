package io.storefront.gateway.store;

import java.net.InetSocketAddress;

import com.mongodb.ConnectionString;
import com.mongodb.client.MongoClient;
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.mongodb.autoconfigure.MongoConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * Starts mongo-java-server in this process, on a free loopback port, when no MongoDB is configured, and points
 * Spring Boot's MongoDB client at it. The server has no transactions and no change streams; nothing in the
 * gateway relies on either.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(EmbeddedStoreCondition.class)
class EmbeddedStoreConfiguration {

	static final String DATABASE = "storefront";

	private static final Logger logger = LoggerFactory.getLogger(EmbeddedStoreConfiguration.class);

	@Bean(destroyMethod = "shutdownNow")
	MongoServer embeddedMongoServer(StoreProperties properties) {
		MongoBackend backend;
		String where;
		if (properties.embedded().path() != null) {
			backend = new H2Backend(properties.embedded().path().toAbsolutePath().toString());
			where = "in the file " + properties.embedded().path().toAbsolutePath();
		}
		else {
			backend = new MemoryBackend();
			where = "in memory only (set storefront.store.embedded.path to keep it)";
		}
		MongoServer server = new MongoServer(backend);
		server.bind("127.0.0.1", 0);
		InetSocketAddress address = server.getLocalAddress();
		logger.info("No MongoDB URI configured: started the embedded store (mongo-java-server) on {}:{}, data {}",
				address.getHostString(), address.getPort(), where);
		return server;
	}

	@Bean
	MongoConnectionDetails embeddedMongoConnectionDetails(MongoServer server) {
		InetSocketAddress address = server.getLocalAddress();
		ConnectionString uri = new ConnectionString(
				"mongodb://" + address.getHostString() + ":" + address.getPort() + "/" + DATABASE);
		return () -> uri;
	}

}
