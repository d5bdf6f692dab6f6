package io.storefront.gateway.cart;

import io.storefront.gateway.MongoDb;
import org.testcontainers.junit.jupiter.Testcontainers;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The cart edits, limits and concurrent tabs, against MongoDB 8 (a single-node replica set) instead of the
 * embedded store. Skipped, and reported as skipped, where no Docker engine runs.
 */
@Testcontainers(disabledWithoutDocker = true)
class CartOnMongoDbTests extends CartHttpTests {

	@DynamicPropertySource
	static void mongo(DynamicPropertyRegistry registry) {
		MongoDb.register(registry);
	}

}
