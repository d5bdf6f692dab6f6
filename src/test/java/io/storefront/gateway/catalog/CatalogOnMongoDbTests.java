package io.storefront.gateway.catalog;

import io.storefront.gateway.MongoDb;
import org.testcontainers.junit.jupiter.Testcontainers;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The same catalog assertions against MongoDB 8 (a single-node replica set) instead of the embedded store.
 * Skipped, and reported as skipped, where no Docker engine runs.
 */
@Testcontainers(disabledWithoutDocker = true)
class CatalogOnMongoDbTests extends CatalogHttpTests {

	@DynamicPropertySource
	static void mongo(DynamicPropertyRegistry registry) {
		MongoDb.register(registry);
	}

}
