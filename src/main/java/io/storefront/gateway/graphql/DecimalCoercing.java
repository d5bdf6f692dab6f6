package io.storefront.gateway.graphql;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Locale;
import java.util.regex.Pattern;

import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
import graphql.language.FloatValue;
import graphql.language.IntValue;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.CoercingParseValueException;
import graphql.schema.CoercingSerializeException;
import org.bson.types.Decimal128;
import org.jspecify.annotations.Nullable;

/**
 * The {@code Decimal} scalar: exact numbers as JSON strings in plain notation ({@code "9.10"}), because a JSON
 * number becomes a binary double in every JavaScript client ({@code 9.10} shows as {@code 9.1}, {@code 132.70}
 * is not {@code 132.70}). Out, a value keeps its scale and never has an exponent. In, the same strings, and JSON
 * numbers or number literals for the clients that sent them before amounts became strings; a value MongoDB's
 * Decimal128 cannot hold exactly is refused, since it would fail deep in the driver or cost unbounded work.
 */
final class DecimalCoercing implements Coercing<BigDecimal, String> {

	// plain notation only: no exponent, no sign but minus, no spaces, at most 34 digits (Decimal128's precision)
	private static final Pattern PLAIN = Pattern.compile("-?[0-9]{1,34}(\\.[0-9]{1,34})?");

	static final String EXPECTED = "A Decimal is a string of digits with an optional fraction and no exponent, "
			+ "such as \"9.10\", of at most 34 significant digits";

	@Override
	public String serialize(Object value, GraphQLContext context, Locale locale) throws CoercingSerializeException {
		BigDecimal decimal = (value instanceof Decimal128 stored) ? stored.bigDecimalValue() : exactNumber(value);
		if (decimal == null) {
			throw new CoercingSerializeException("Not a decimal: " + value.getClass().getSimpleName());
		}
		return decimal.toPlainString();
	}

	@Override
	public BigDecimal parseValue(Object input, GraphQLContext context, Locale locale)
			throws CoercingParseValueException {
		BigDecimal value;
		if (input instanceof String text) {
			value = plain(text);
		}
		else if (input instanceof Double number) {
			// JSON numbers with a fraction arrive as doubles; the shortest text that reads back as the same double
			// is the number the client wrote, as long as it wrote no more digits than a double holds
			value = Double.isFinite(number) ? new BigDecimal(Double.toString(number)) : null;
		}
		else {
			value = exactNumber(input);
		}
		if (value == null || !storable(value)) {
			throw new CoercingParseValueException(EXPECTED + ".");
		}
		return value;
	}

	@Override
	public BigDecimal parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context, Locale locale)
			throws CoercingParseLiteralException {
		BigDecimal value = null;
		if (input instanceof StringValue text) {
			value = plain(text.getValue());
		}
		else if (input instanceof IntValue number) {
			value = new BigDecimal(number.getValue());
		}
		else if (input instanceof FloatValue number) {
			value = number.getValue();
		}
		if (value == null || !storable(value)) {
			throw new CoercingParseLiteralException(EXPECTED + ".");
		}
		return value;
	}

	@Override
	public Value<?> valueToLiteral(Object input, GraphQLContext context, Locale locale) {
		return StringValue.of(serialize(input, context, locale));
	}

	private static @Nullable BigDecimal exactNumber(Object value) {
		if (value instanceof BigDecimal exact) {
			return exact;
		}
		if (value instanceof Integer || value instanceof Long) {
			return BigDecimal.valueOf(((Number) value).longValue());
		}
		return (value instanceof BigInteger number) ? new BigDecimal(number) : null;
	}

	private static @Nullable BigDecimal plain(@Nullable String text) {
		return (text != null && PLAIN.matcher(text).matches()) ? new BigDecimal(text) : null;
	}

	/** Whether MongoDB can store this decimal exactly. */
	static boolean storable(BigDecimal value) {
		try {
			new Decimal128(value);
			return true;
		}
		catch (NumberFormatException ex) {
			return false;
		}
	}

}
