package io.storefront.gateway;

import java.util.UUID;

import org.testcontainers.mongodb.MongoDBContainer;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * One MongoDB 8 (single-node replica set) in Docker for every test class that runs on a real MongoDB: started
 * on first use, shared by them all, stopped with the JVM. Such classes are also annotated
 * {@code @Testcontainers(disabledWithoutDocker = true)}, so they are skipped where no Docker engine runs.
 */
public final class MongoDb {

	private static final String IMAGE = "mongo:8.0.4";

	private static MongoDBContainer container;

	private MongoDb() {
	}

	/** Points the gateway at the shared MongoDB instead of the embedded store. */
	public static void register(DynamicPropertyRegistry registry) {
		registry.add("spring.mongodb.uri", () -> start().getReplicaSetUrl("storefront"));
		// each test context is a gateway of its own, with its own place in the change stream
		registry.add("storefront.store.changes.resume-key", () -> "test-" + UUID.randomUUID());
	}

	private static synchronized MongoDBContainer start() {
		if (container == null) {
			container = new MongoDBContainer(IMAGE);
			container.start();
		}
		return container;
	}

}
