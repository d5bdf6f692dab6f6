package io.storefront.gateway.kernel;

import org.springframework.graphql.execution.ErrorType;

/**
 * The stable codes a frontend can switch on, each with the {@link ErrorType} it is classified as.
 */
public enum ErrorCode {

	UNAUTHENTICATED(ErrorType.UNAUTHORIZED),
	FORBIDDEN(ErrorType.FORBIDDEN),
	BAD_USER_INPUT(ErrorType.BAD_REQUEST),
	NOT_FOUND(ErrorType.NOT_FOUND),
	CONFLICT(ErrorType.BAD_REQUEST),
	OUT_OF_STOCK(ErrorType.BAD_REQUEST),
	INVALID_TRANSITION(ErrorType.BAD_REQUEST),
	QUERY_TOO_COMPLEX(ErrorType.BAD_REQUEST),
	PERSISTED_QUERY_NOT_FOUND(ErrorType.BAD_REQUEST),
	TOO_MANY_REQUESTS(ErrorType.BAD_REQUEST),
	TIMEOUT(ErrorType.INTERNAL_ERROR),
	INTERNAL(ErrorType.INTERNAL_ERROR);

	private final ErrorType classification;

	ErrorCode(ErrorType classification) {
		this.classification = classification;
	}

	public ErrorType classification() {
		return this.classification;
	}

}
