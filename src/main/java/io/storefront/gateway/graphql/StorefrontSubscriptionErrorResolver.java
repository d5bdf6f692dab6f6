package io.storefront.gateway.graphql;

import java.util.UUID;

import graphql.GraphQLError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.storefront.gateway.kernel.StorefrontException;

import org.springframework.graphql.execution.SubscriptionExceptionResolverAdapter;
import org.springframework.stereotype.Component;

/**
 * What {@link StorefrontErrorResolver} does for data fetching, for a subscription's stream of events: a known
 * failure ends the subscription with its code and message, anything else with {@code INTERNAL} and an id that
 * is logged with the stack trace.
 */
@Component
class StorefrontSubscriptionErrorResolver extends SubscriptionExceptionResolverAdapter {

	private static final Logger logger = LoggerFactory.getLogger(StorefrontSubscriptionErrorResolver.class);

	@Override
	protected GraphQLError resolveToSingleError(Throwable ex) {
		if (ex instanceof StorefrontException known) {
			return GraphQlErrors.of(known.code(), known.getMessage(), known.extensions()).build();
		}
		String errorId = UUID.randomUUID().toString();
		logger.error("Internal error {} in a subscription", errorId, ex);
		return GraphQlErrors.internal(errorId).build();
	}

}
