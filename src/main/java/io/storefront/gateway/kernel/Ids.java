package io.storefront.gateway.kernel;

import java.util.Locale;

import org.bson.types.ObjectId;
import org.jspecify.annotations.Nullable;

/**
 * The ids of the API: ObjectIds as 24 hex digits, in one canonical (lower-case) spelling.
 */
public final class Ids {

	private Ids() {
	}

	/**
	 * An id argument, which must be an ObjectId's 24 hex digits, in its one canonical (lower-case) spelling:
	 * MongoDB reads {@code 64A0…} and {@code 64a0…} as the same ObjectId, so every comparison of ids in Java
	 * (ownership, "is this me", cart lines) must see them spelled the same way too.
	 */
	public static String requireId(String field, String id) {
		String canonical = canonicalId(id);
		if (canonical == null) {
			throw new InvalidInputException(field, field + " is not a valid id.");
		}
		return canonical;
	}

	/** The canonical spelling of an id, or null when it is not one. */
	public static @Nullable String canonicalId(@Nullable String id) {
		return (id != null && ObjectId.isValid(id)) ? id.toLowerCase(Locale.ROOT) : null;
	}

}
