package io.storefront.gateway.order;

import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Testcontainers;

import io.storefront.gateway.MongoDb;
import io.storefront.gateway.store.ChangeFeed;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The subscriptions on MongoDB 8 (a single-node replica set) instead of the embedded store, with the same
 * assertions. Skipped, and reported as skipped, where no Docker engine runs.
 */
@Testcontainers(disabledWithoutDocker = true)
class SubscriptionsOnMongoDbTests extends SubscriptionsHttpTests {

	@DynamicPropertySource
	static void mongo(DynamicPropertyRegistry registry) {
		MongoDb.register(registry);
	}

	@Test
	void eventsReachSubscribersThroughTheChangeStream(@Autowired ChangeFeed feed) {
		assertThat(feed.getClass().getSimpleName()).isEqualTo("ChangeStreamFeed");
	}

}
