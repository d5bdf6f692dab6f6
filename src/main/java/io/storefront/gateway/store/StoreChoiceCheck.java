package io.storefront.gateway.store;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Refuses to start, before any bean is made, when there is neither a MongoDB to use nor a request for the
 * embedded store: a production start that forgot {@code MONGODB_URI} must not come up on an in-memory store
 * whose data vanishes at the next restart, nor hang on connecting to localhost.
 */
@Component
class StoreChoiceCheck implements BeanFactoryPostProcessor, EnvironmentAware {

	private Environment environment;

	@Override
	public void setEnvironment(Environment environment) {
		this.environment = environment;
	}

	@Override
	public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
		if (!EmbeddedStoreCondition.mongoConfigured(this.environment)
				&& !this.environment.getProperty(EmbeddedStoreCondition.ENABLED, Boolean.class, false)) {
			throw new NoStoreConfiguredException();
		}
	}

	/** Neither MONGODB_URI nor the embedded store: there is nowhere to keep data. */
	static class NoStoreConfiguredException extends StoreSettingsException {

		NoStoreConfiguredException() {
			super("No MongoDB is configured: set MONGODB_URI (for example mongodb://db.internal:27017/storefront), "
					+ "or start with --" + EmbeddedStoreCondition.ENABLED + "=true for a throwaway in-memory store.",
					"Set MONGODB_URI to your MongoDB. The embedded store is for development and tests only.");
		}

	}

}
