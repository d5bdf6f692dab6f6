package io.storefront.gateway.graphql;

import java.util.UUID;

import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.schema.DataFetchingEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.storefront.gateway.kernel.ErrorCode;
import io.storefront.gateway.kernel.StorefrontException;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.graphql.execution.DataFetcherExceptionResolverAdapter;
import org.springframework.stereotype.Component;

/**
 * Turns exceptions raised while fetching data into coded GraphQL errors. Known failures keep their own
 * message; anything else becomes {@link ErrorCode#INTERNAL} with an id that is logged with the stack trace,
 * so the client learns nothing about the internals and an operator can still find the cause. Ordered last,
 * so the framework's own resolvers (security, for one) speak first.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE)
class StorefrontErrorResolver extends DataFetcherExceptionResolverAdapter {

	private static final Logger logger = LoggerFactory.getLogger(StorefrontErrorResolver.class);

	@Override
	protected GraphQLError resolveToSingleError(Throwable ex, DataFetchingEnvironment env) {
		GraphqlErrorBuilder<?> error;
		if (ex instanceof StorefrontException known) {
			error = GraphQlErrors.of(known.code(), known.getMessage(), known.extensions());
		}
		else {
			String errorId = UUID.randomUUID().toString();
			logger.error("Internal error {} at {}", errorId, env.getExecutionStepInfo().getPath(), ex);
			error = GraphQlErrors.internal(errorId);
		}
		return error.path(env.getExecutionStepInfo().getPath()).location(env.getField().getSourceLocation()).build();
	}

}
