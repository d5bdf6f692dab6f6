package io.storefront.gateway.graphql;

import org.jspecify.annotations.Nullable;

/**
 * A failure the client caused or may act on. Its message is written for the client and is sent as it is,
 * so it must never carry driver text, class names or stored data the caller may not see.
 */
public class StorefrontException extends RuntimeException {

	private final ErrorCode code;

	private final @Nullable String field;

	public StorefrontException(ErrorCode code, String message, @Nullable String field) {
		super(message, null, false, false);
		this.code = code;
		this.field = field;
	}

	public ErrorCode code() {
		return this.code;
	}

	/** The input field at fault, as a dotted path from the argument (for example {@code filter.minPrice}). */
	public @Nullable String field() {
		return this.field;
	}

}
