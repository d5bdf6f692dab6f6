package io.storefront.gateway.kernel;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A failure the client caused or may act on. Its message is written for the client and is sent as it is,
 * so it must never carry driver text, class names or stored data the caller may not see.
 */
public class StorefrontException extends RuntimeException {

	private final ErrorCode code;

	private final @Nullable String field;

	private final Map<String, Object> details;

	public StorefrontException(ErrorCode code, String message, @Nullable String field) {
		this(code, message, field, Map.of());
	}

	/** With more to tell than the field, for example which product ran out; sent as {@code extensions}. */
	public StorefrontException(ErrorCode code, String message, @Nullable String field, Map<String, Object> details) {
		super(message, null, false, false);
		this.code = code;
		this.field = field;
		this.details = Map.copyOf(details);
	}

	public ErrorCode code() {
		return this.code;
	}

	/** The input field at fault, as a dotted path from the argument (for example {@code filter.minPrice}). */
	public @Nullable String field() {
		return this.field;
	}

	/** What goes into {@code extensions} besides the code and classification. */
	public Map<String, Object> extensions() {
		Map<String, Object> extensions = new LinkedHashMap<>();
		if (this.field != null) {
			extensions.put("field", this.field);
		}
		extensions.putAll(this.details);
		return extensions;
	}

}
