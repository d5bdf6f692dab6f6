package io.storefront.gateway.security;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * Matches while no external identity provider is configured for Spring Boot's resource server.
 */
class NoExternalIssuerCondition extends SpringBootCondition {

	private static final String PREFIX = "spring.security.oauth2.resourceserver.jwt.";

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		for (String property : new String[] { "issuer-uri", "jwk-set-uri", "public-key-location" }) {
			if (StringUtils.hasText(context.getEnvironment().getProperty(PREFIX + property))) {
				return ConditionOutcome.noMatch(PREFIX + property + " is set");
			}
		}
		return ConditionOutcome.match("no external issuer is configured");
	}

}
