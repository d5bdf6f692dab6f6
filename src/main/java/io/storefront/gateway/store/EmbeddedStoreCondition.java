package io.storefront.gateway.store;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * Matches when no MongoDB is configured (neither {@code spring.mongodb.uri}, which {@code MONGODB_URI} feeds, nor
 * {@code spring.mongodb.host}) and the embedded store is asked for ({@code storefront.store.embedded.enabled}).
 */
class EmbeddedStoreCondition extends SpringBootCondition {

	static final String ENABLED = "storefront.store.embedded.enabled";

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		Environment environment = context.getEnvironment();
		if (mongoConfigured(environment)) {
			return ConditionOutcome.noMatch("a MongoDB URI or host is configured");
		}
		if (!environment.getProperty(ENABLED, Boolean.class, false)) {
			return ConditionOutcome.noMatch(ENABLED + " is not true");
		}
		return ConditionOutcome.match("no MongoDB is configured and the embedded store is asked for");
	}

	static boolean mongoConfigured(Environment environment) {
		return StringUtils.hasText(environment.getProperty("spring.mongodb.uri"))
				|| StringUtils.hasText(environment.getProperty("spring.mongodb.host"));
	}

}
