package io.storefront.gateway.graphql;

import java.util.List;
import java.util.Map;

import graphql.execution.AbortExecutionException;

import io.storefront.gateway.kernel.ErrorCode;

/**
 * A request over one of the limits, refused before any field is fetched. Its error names the limit, its value
 * and what the request measured.
 */
class QueryTooComplexException extends AbortExecutionException {

	QueryTooComplexException(String limit, int max, int measured) {
		super(List.of(GraphQlErrors.of(ErrorCode.QUERY_TOO_COMPLEX,
				"The operation is over the " + limit + " limit: " + measured + " where at most " + max + " is allowed.",
				Map.of("limit", limit, "max", max, "measured", measured)).build()));
	}

}
