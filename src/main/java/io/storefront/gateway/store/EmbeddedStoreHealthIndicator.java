package io.storefront.gateway.store;

import com.mongodb.client.MongoClient;
import org.bson.Document;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Health of the embedded store. Boot's own MongoDB indicator sends {@code hello}, which mongo-java-server does
 * not know, so this one sends {@code ping}, which a real MongoDB answers the same way.
 */
class EmbeddedStoreHealthIndicator extends AbstractHealthIndicator {

	private static final Document PING = new Document("ping", 1);

	private final MongoClient client;

	private final String address;

	EmbeddedStoreHealthIndicator(MongoClient client, String address) {
		super("Embedded MongoDB health check failed");
		this.client = client;
		this.address = address;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		this.client.getDatabase(EmbeddedStoreConfiguration.DATABASE).runCommand(PING);
		builder.up()
			.withDetail("store", "embedded (mongo-java-server)")
			.withDetail("address", this.address)
			.withDetail("database", EmbeddedStoreConfiguration.DATABASE);
	}

}
