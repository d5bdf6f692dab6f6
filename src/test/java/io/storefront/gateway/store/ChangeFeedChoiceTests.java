package io.storefront.gateway.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.storefront.gateway.StorefrontApplication;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.mongodb.autoconfigure.MongoConnectionDetails;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.NestedExceptionUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Which change feed a gateway reads, by {@code storefront.store.changes.source} and by what the store is: stores
 * without change streams (the embedded one, a standalone server, which is what the driver finds another gateway's
 * embedded store to be) are polled, and a change stream asked of them by name refuses the start in one line.
 * {@code ChangeStreamOnMongoDbTests} covers the replica set.
 */
@ExtendWith(OutputCaptureExtension.class)
class ChangeFeedChoiceTests {

	@Test
	void theEmbeddedStoreIsPolled() {
		try (ConfigurableApplicationContext context = start()) {
			assertThat(context.getBean(ChangeFeed.class)).isInstanceOf(PollingChangeFeed.class);
		}
	}

	@Test
	void aChangeStreamAskedOfTheEmbeddedStoreRefusesTheStartInOneLine(CapturedOutput output) {
		assertThatThrownBy(() -> start("--storefront.store.changes.source=change-stream").close())
			.satisfies((thrown) -> assertThat(NestedExceptionUtils.getMostSpecificCause(thrown).getMessage())
				.isEqualTo("storefront.store.changes.source=change-stream needs a replica set or a sharded cluster; "
						+ "this store is the embedded store, which has no change streams.")
				.doesNotContain("\n"));
		assertThat(output.getAll()).contains("APPLICATION FAILED TO START",
				"Set storefront.store.changes.source to auto");
	}

	@Test
	void anotherGatewaysEmbeddedStoreIsAStandaloneServerToTheDriver() {
		try (ConfigurableApplicationContext first = start()) {
			String uri = "--spring.mongodb.uri="
					+ first.getBean(MongoConnectionDetails.class).getConnectionString().getConnectionString();
			try (ConfigurableApplicationContext second = start(uri)) {
				assertThat(second.getBean(ChangeFeed.class)).isInstanceOf(PollingChangeFeed.class);
			}
			assertThatThrownBy(() -> start(uri, "--storefront.store.changes.source=change-stream").close())
				.rootCause()
				.hasMessage("storefront.store.changes.source=change-stream needs a replica set or a sharded cluster; "
						+ "this store is a standalone server, which has no change streams.");
		}
	}

	@Test
	void pollingCanBeAskedForByName() {
		try (ConfigurableApplicationContext context = start("--storefront.store.changes.source=polling")) {
			assertThat(context.getBean(ChangeFeed.class)).isInstanceOf(PollingChangeFeed.class);
		}
	}

	private static ConfigurableApplicationContext start(String... args) {
		return new SpringApplicationBuilder(StorefrontApplication.class).properties("server.port=0").run(args);
	}

}
