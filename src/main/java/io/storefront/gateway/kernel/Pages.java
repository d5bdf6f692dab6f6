package io.storefront.gateway.kernel;

import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.data.domain.KeysetScrollPosition;
import org.springframework.data.domain.ScrollPosition;

/**
 * The rules every Relay connection of the API shares: page sizes from 1 to 100 (20 when not given), and
 * {@code after} cursors that must have come from the same listing in the same order.
 */
public final class Pages {

	public static final int DEFAULT_SIZE = 20;

	public static final int MAX_SIZE = 100;

	private Pages() {
	}

	/** The page size asked for as {@code first}, or the default; out of range is refused. */
	public static int size(@Nullable Integer first) {
		int size = (first != null) ? first : DEFAULT_SIZE;
		if (size < 1 || size > MAX_SIZE) {
			throw new InvalidInputException("first", "first must be between 1 and " + MAX_SIZE + ".");
		}
		return size;
	}

	/**
	 * Where to continue: the start when there is no cursor, else the cursor's keyset, which must hold exactly
	 * the given keys, among them an {@code id} that is an ObjectId.
	 */
	public static KeysetScrollPosition after(@Nullable ScrollPosition position, Set<String> keys) {
		if (position == null) {
			return ScrollPosition.keyset();
		}
		if (!(position instanceof KeysetScrollPosition keyset) || !keyset.getKeys().keySet().equals(keys)
				|| Ids.canonicalId(String.valueOf(keyset.getKeys().get("id"))) == null) {
			throw new InvalidInputException("after",
					"The cursor belongs to another listing or sort order; start again without it.");
		}
		return keyset;
	}

}
