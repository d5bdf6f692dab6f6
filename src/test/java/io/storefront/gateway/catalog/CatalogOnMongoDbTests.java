package io.storefront.gateway.catalog;

import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.mongodb.MongoDBContainer;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The same catalog assertions against MongoDB 8 (a single-node replica set) instead of the embedded store.
 * Skipped, and reported as skipped, where no Docker engine runs.
 */
@Testcontainers(disabledWithoutDocker = true)
class CatalogOnMongoDbTests extends CatalogHttpTests {

	@Container
	static final MongoDBContainer mongo = new MongoDBContainer("mongo:8.0.4");

	@DynamicPropertySource
	static void mongoUri(DynamicPropertyRegistry registry) {
		registry.add("spring.mongodb.uri", () -> mongo.getReplicaSetUrl("storefront"));
	}

}
