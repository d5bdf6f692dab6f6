package io.storefront.gateway;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.graphql.ResponseError;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Assertions on the error shape PRODUCT.md promises: exactly one error, its code and classification, the input
 * field at fault, the path, and a message free of internals.
 */
public final class ErrorAssertions {

	private static final Map<String, String> CLASSIFICATIONS = Map.of("UNAUTHENTICATED", "UNAUTHORIZED", "FORBIDDEN",
			"FORBIDDEN", "NOT_FOUND", "NOT_FOUND", "INTERNAL", "INTERNAL_ERROR");

	private ErrorAssertions() {
	}

	/** Exactly one error: with this code, this input field (or none), at this path ("" for none). */
	public static void single(List<ResponseError> errors, String code, @Nullable String field, String path) {
		assertThat(errors).hasSize(1);
		ResponseError error = errors.get(0);
		assertThat(error.getExtensions()).containsEntry("code", code)
			.containsEntry("classification", CLASSIFICATIONS.getOrDefault(code, "BAD_REQUEST"));
		if (field != null) {
			assertThat(error.getExtensions()).containsEntry("field", field);
		}
		else {
			assertThat(error.getExtensions()).doesNotContainKey("field");
		}
		assertThat(error.getPath()).isEqualTo(path);
		assertThat(error.getMessage()).doesNotContainIgnoringCase("exception")
			.doesNotContain("at io.", "org.springframework", "com.mongodb", "E11000");
	}

}
