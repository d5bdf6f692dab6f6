package io.storefront.gateway.graphql;

import java.util.LinkedHashMap;
import java.util.Map;

import graphql.GraphqlErrorBuilder;
import org.jspecify.annotations.Nullable;

import io.storefront.gateway.kernel.ErrorCode;

/**
 * Builds errors in the one shape PRODUCT.md promises: a classification, a code and, for input errors, the field.
 */
public final class GraphQlErrors {

	private GraphQlErrors() {
	}

	public static GraphqlErrorBuilder<?> of(ErrorCode code, String message, @Nullable String field) {
		return of(code, message, (field != null) ? Map.of("field", field) : Map.of());
	}

	/** An error with more {@code extensions} than its code, for example the rule that denied a field. */
	public static GraphqlErrorBuilder<?> of(ErrorCode code, String message, Map<String, ?> details) {
		Map<String, Object> extensions = new LinkedHashMap<>();
		extensions.put("code", code.name());
		extensions.putAll(details);
		return GraphqlErrorBuilder.newError().errorType(code.classification()).message(message).extensions(extensions);
	}

	/**
	 * An error decided before anything runs (an unknown persisted query, a document over the limits, an
	 * operation refused whole): it points at no place in the document, so it carries no {@code locations} at all
	 * rather than an empty list.
	 */
	public static GraphqlErrorBuilder<?> ofRequest(ErrorCode code, String message, Map<String, ?> details) {
		return of(code, message, details).locations(null);
	}

	/** An error that tells the client only an id under which the server logged the cause. */
	public static GraphqlErrorBuilder<?> internal(String errorId) {
		Map<String, Object> extensions = new LinkedHashMap<>();
		extensions.put("code", ErrorCode.INTERNAL.name());
		extensions.put("errorId", errorId);
		return GraphqlErrorBuilder.newError()
			.errorType(ErrorCode.INTERNAL.classification())
			.message("Internal error, id " + errorId)
			.extensions(extensions);
	}

}
