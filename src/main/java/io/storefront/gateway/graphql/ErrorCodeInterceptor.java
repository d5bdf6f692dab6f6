package io.storefront.gateway.graphql;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import graphql.ErrorClassification;
import graphql.ErrorType;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import reactor.core.publisher.Mono;

import io.storefront.gateway.kernel.ErrorCode;

import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.stereotype.Component;

/**
 * Gives every error that reaches the client a Spring {@link org.springframework.graphql.execution.ErrorType}
 * classification and a stable code, including the errors graphql-java raises before execution (syntax,
 * validation, variable coercion) and those of the framework's own resolvers.
 */
@Component
class ErrorCodeInterceptor implements WebGraphQlInterceptor {

	// graphql-java's classification of IntrospectionDisabledError, which has no constant of its own
	private static final String INTROSPECTION_DISABLED = "IntrospectionDisabled";

	// GoodFaithIntrospection's refusal of an introspection query that repeats __type or __schema fields, a
	// known way to make a small document cost a lot
	private static final String BAD_FAITH_INTROSPECTION = "BadFaithIntrospection";

	@Override
	public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
		return chain.next(request).map(this::withCodes);
	}

	private WebGraphQlResponse withCodes(WebGraphQlResponse response) {
		List<GraphQLError> errors = response.getExecutionResult().getErrors();
		if (errors.stream().allMatch(ErrorCodeInterceptor::hasCode)) {
			return response;
		}
		List<GraphQLError> coded = errors.stream().map(ErrorCodeInterceptor::withCode).toList();
		return response.transform((builder) -> builder.errors(coded));
	}

	private static boolean hasCode(GraphQLError error) {
		return error.getExtensions() != null && error.getExtensions().containsKey("code");
	}

	private static GraphQLError withCode(GraphQLError error) {
		if (hasCode(error)) {
			return error;
		}
		ErrorCode code = codeFor(error.getErrorType());
		Map<String, Object> extensions = new LinkedHashMap<>();
		if (error.getExtensions() != null) {
			extensions.putAll(error.getExtensions());
		}
		extensions.put("code", code.name());
		extensions.remove("classification");
		return GraphqlErrorBuilder.newError()
			.message(error.getMessage())
			.locations((error.getLocations() == null || error.getLocations().isEmpty()) ? null : error.getLocations())
			.path(error.getPath())
			.errorType(code.classification())
			.extensions(extensions)
			.build();
	}

	private static ErrorCode codeFor(ErrorClassification classification) {
		if (classification instanceof org.springframework.graphql.execution.ErrorType springType) {
			return switch (springType) {
				case BAD_REQUEST -> ErrorCode.BAD_USER_INPUT;
				case UNAUTHORIZED -> ErrorCode.UNAUTHENTICATED;
				case FORBIDDEN -> ErrorCode.FORBIDDEN;
				case NOT_FOUND -> ErrorCode.NOT_FOUND;
				case INTERNAL_ERROR -> ErrorCode.INTERNAL;
			};
		}
		if (classification == ErrorType.InvalidSyntax || classification == ErrorType.ValidationError
				|| classification == ErrorType.OperationNotSupported) {
			return ErrorCode.BAD_USER_INPUT;
		}
		if (INTROSPECTION_DISABLED.equals(classification.toSpecification(null))) {
			return ErrorCode.FORBIDDEN;
		}
		if (BAD_FAITH_INTROSPECTION.equals(classification.toSpecification(null))) {
			return ErrorCode.QUERY_TOO_COMPLEX;
		}
		return ErrorCode.INTERNAL;
	}

}
