package io.storefront.gateway.store;

import java.util.concurrent.TimeUnit;

import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.stereotype.Component;

/**
 * Bounds every wait for MongoDB by {@code storefront.store.timeout}, so that an unreachable or stalled store
 * fails a request within seconds (as a clean {@code INTERNAL} error with an id) instead of holding it for the
 * driver's default half minute.
 */
@Component
class StoreTimeouts implements MongoClientSettingsBuilderCustomizer {

	private final long millis;

	StoreTimeouts(StoreProperties properties) {
		this.millis = properties.timeout().toMillis();
	}

	@Override
	public void customize(com.mongodb.MongoClientSettings.Builder settings) {
		settings.applyToClusterSettings((cluster) -> cluster.serverSelectionTimeout(this.millis, TimeUnit.MILLISECONDS))
			.applyToSocketSettings((socket) -> socket.connectTimeout((int) this.millis, TimeUnit.MILLISECONDS)
				.readTimeout((int) this.millis, TimeUnit.MILLISECONDS));
	}

}
