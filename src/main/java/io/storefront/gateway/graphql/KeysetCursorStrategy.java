package io.storefront.gateway.graphql;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;

import io.storefront.gateway.kernel.InvalidInputException;

import org.springframework.data.domain.KeysetScrollPosition;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.graphql.data.pagination.CursorStrategy;

/**
 * Opaque cursors for forward keyset positions. A cursor is base64url of a small JSON array of
 * {@code [key, type, value]} triples; only strings, decimals and instants are accepted, and key names are
 * plain property paths, so a forged cursor can never carry a MongoDB operator or an unexpected type. Which
 * keys a cursor must hold is for the feature that reads it to check.
 */
class KeysetCursorStrategy implements CursorStrategy<ScrollPosition> {

	private static final Pattern KEY = Pattern.compile("[A-Za-z][A-Za-z0-9]*(\\.[A-Za-z][A-Za-z0-9]*)*");

	private static final int MAX_CURSOR_LENGTH = 2048;

	private static final int MAX_KEYS = 4;

	private final JsonMapper json = JsonMapper.builder().build();

	@Override
	public boolean supports(Class<?> targetType) {
		return ScrollPosition.class.isAssignableFrom(targetType);
	}

	@Override
	public String toCursor(ScrollPosition position) {
		if (!(position instanceof KeysetScrollPosition keyset) || !keyset.scrollsForward()) {
			throw new IllegalArgumentException("Only forward keyset positions have cursors");
		}
		ArrayNode triples = this.json.createArrayNode();
		// keys in name order, so that one position always has one cursor, however its keys were collected
		new TreeMap<>(keyset.getKeys())
			.forEach((key, value) -> triples.addArray().add(key).add(typeOf(value)).add(text(value)));
		return Base64.getUrlEncoder().withoutPadding().encodeToString(this.json.writeValueAsBytes(triples));
	}

	@Override
	public ScrollPosition fromCursor(String cursor) {
		if (cursor.isEmpty() || cursor.length() > MAX_CURSOR_LENGTH) {
			throw invalid();
		}
		try {
			JsonNode triples = this.json.readTree(Base64.getUrlDecoder().decode(cursor));
			if (!triples.isArray() || triples.isEmpty() || triples.size() > MAX_KEYS) {
				throw invalid();
			}
			Map<String, Object> keys = new LinkedHashMap<>();
			for (JsonNode triple : triples) {
				if (!triple.isArray() || triple.size() != 3 || !triple.get(0).isString() || !triple.get(1).isString()
						|| !triple.get(2).isString()) {
					throw invalid();
				}
				String key = triple.get(0).asString();
				if (!KEY.matcher(key).matches() || keys.containsKey(key)) {
					throw invalid();
				}
				keys.put(key, valueOf(triple.get(1).asString(), triple.get(2).asString()));
			}
			return ScrollPosition.forward(keys);
		}
		catch (IllegalArgumentException | ArithmeticException | JacksonException | java.time.DateTimeException ex) {
			throw invalid();
		}
	}

	private static String typeOf(Object value) {
		if (value instanceof String) {
			return "s";
		}
		if (value instanceof BigDecimal) {
			return "d";
		}
		if (value instanceof Instant) {
			return "t";
		}
		throw new IllegalArgumentException("No cursor encoding for " + value.getClass().getName());
	}

	private static String text(Object value) {
		return (value instanceof BigDecimal decimal) ? decimal.toPlainString() : value.toString();
	}

	// A forged cursor may hold values no listing ever issued: they must fail here, as input, and not in the
	// driver, so decimals must fit Decimal128 and instants a BSON date.
	private static Object valueOf(String type, String text) {
		return switch (type) {
			case "s" -> text;
			case "d" -> storable(new BigDecimal(text));
			case "t" -> storable(Instant.parse(text));
			default -> throw invalid();
		};
	}

	private static BigDecimal storable(BigDecimal decimal) {
		if (!StorefrontScalars.isStorable(decimal)) {
			throw invalid();
		}
		return decimal;
	}

	private static Instant storable(Instant instant) {
		instant.toEpochMilli();
		return instant;
	}

	static InvalidInputException invalid() {
		return new InvalidInputException("after", "The cursor is not one this API issued; start again without it.");
	}

}
