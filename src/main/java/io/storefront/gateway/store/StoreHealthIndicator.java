package io.storefront.gateway.store;

import java.util.Map;

import com.mongodb.client.MongoClient;
import org.bson.Document;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Health of the store, in place of Boot's MongoDB indicator, which sends {@code hello}: mongo-java-server does not
 * know it, so a gateway on an embedded store (its own, or another gateway's by URI) would report the store down.
 * This one sends {@code ping}, which both answer the same way.
 */
class StoreHealthIndicator extends AbstractHealthIndicator {

	private static final Document PING = new Document("ping", 1);

	private final MongoClient client;

	private final String database;

	private final Map<String, Object> details;

	StoreHealthIndicator(MongoClient client, String database, Map<String, Object> details) {
		super("MongoDB health check failed");
		this.client = client;
		this.database = database;
		this.details = Map.copyOf(details);
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		this.client.getDatabase(this.database).runCommand(PING);
		builder.up().withDetails(this.details).withDetail("database", this.database);
	}

}
