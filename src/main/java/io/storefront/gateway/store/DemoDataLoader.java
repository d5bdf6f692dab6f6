package io.storefront.gateway.store;

import java.util.List;

import de.bwaldvogel.mongo.MongoServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.stereotype.Component;

/**
 * Fills empty collections with demo data at start-up: by default only on the embedded store in the
 * {@code dev} profile, so that a configured MongoDB is never written to unless
 * {@code storefront.store.demo-data=true} asks for it. It runs once every bean is ready but before the web
 * server opens its port, so the first request already sees the demo data.
 */
@Component
class DemoDataLoader implements SmartInitializingSingleton {

	private static final Logger logger = LoggerFactory.getLogger(DemoDataLoader.class);

	private final List<DemoData> demoData;

	private final boolean enabled;

	DemoDataLoader(List<DemoData> demoData, StoreProperties properties, Environment environment,
			ObjectProvider<MongoServer> embeddedServer) {
		this.demoData = demoData;
		this.enabled = (properties.demoData() != null) ? properties.demoData()
				: embeddedServer.getIfAvailable() != null && environment.acceptsProfiles(Profiles.of("dev"));
	}

	@Override
	public void afterSingletonsInstantiated() {
		if (!this.enabled) {
			return;
		}
		for (DemoData data : this.demoData) {
			if (data.isEmpty()) {
				logger.info("Loaded demo {}: {} documents", data.name(), data.load());
			}
		}
	}

}
