package io.storefront.gateway.store;

import java.nio.file.Path;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the store under {@code storefront.store}.
 *
 * @param embedded the embedded server, used only when no MongoDB URI is configured
 * @param demoData whether to load demo data into empty collections: {@code true} always, {@code false} never,
 * unset (the default) only on the embedded store in the {@code dev} profile
 * @param timeout how long a request waits for MongoDB (to find a server, to connect, to read) before it fails
 * with a clean error
 */
@ConfigurationProperties("storefront.store")
public record StoreProperties(Embedded embedded, @Nullable Boolean demoData, Duration timeout) {

	public StoreProperties {
		embedded = (embedded != null) ? embedded : new Embedded(null);
		timeout = (timeout != null) ? timeout : Duration.ofSeconds(5);
	}

	/**
	 * @param path a file to keep the embedded data in across restarts (H2 MVStore); in memory when unset
	 */
	public record Embedded(@Nullable Path path) {

	}

}
