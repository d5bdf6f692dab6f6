package io.storefront.gateway.store;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * Matches when no MongoDB is configured: neither {@code spring.mongodb.uri} (which {@code MONGODB_URI} feeds)
 * nor {@code spring.mongodb.host}.
 */
class EmbeddedStoreCondition extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		Environment environment = context.getEnvironment();
		if (StringUtils.hasText(environment.getProperty("spring.mongodb.uri"))) {
			return ConditionOutcome.noMatch("spring.mongodb.uri is set");
		}
		if (StringUtils.hasText(environment.getProperty("spring.mongodb.host"))) {
			return ConditionOutcome.noMatch("spring.mongodb.host is set");
		}
		return ConditionOutcome.match("no MongoDB URI or host is configured");
	}

}
