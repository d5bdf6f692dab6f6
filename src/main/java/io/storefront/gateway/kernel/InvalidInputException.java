package io.storefront.gateway.kernel;

/**
 * An argument the schema accepts but the domain does not: out of range, malformed, or inconsistent.
 */
public class InvalidInputException extends StorefrontException {

	public InvalidInputException(String field, String message) {
		super(ErrorCode.BAD_USER_INPUT, message, field);
	}

}
