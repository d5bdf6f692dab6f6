package io.storefront.gateway.order;

import io.storefront.gateway.MongoDb;
import org.testcontainers.junit.jupiter.Testcontainers;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Two gateways on MongoDB 8 (a single-node replica set) instead of the embedded store, with the same assertions.
 * Skipped, and reported as skipped, where no Docker engine runs.
 */
@Testcontainers(disabledWithoutDocker = true)
class TwoGatewaysOnMongoDbTests extends TwoGatewaysTests {

	@DynamicPropertySource
	static void mongo(DynamicPropertyRegistry registry) {
		MongoDb.register(registry);
	}

}
