package io.storefront.gateway.graphql;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;

import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
import graphql.language.Value;
import graphql.scalars.ExtendedScalars;
import org.bson.types.Decimal128;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.CoercingParseValueException;
import graphql.schema.CoercingSerializeException;
import graphql.schema.GraphQLScalarType;
import graphql.schema.idl.RuntimeWiring;
import org.jspecify.annotations.Nullable;

/**
 * The schema's scalars, from graphql-java-extended-scalars: wired into the running gateway and into the
 * operation checker alike.
 */
public final class StorefrontScalars {

	private StorefrontScalars() {
	}

	public static RuntimeWiring.Builder register(RuntimeWiring.Builder wiring) {
		return wiring.scalar(instantAwareDateTime())
			.scalar(storableBigDecimal())
			.scalar(ExtendedScalars.Currency)
			.scalar(ExtendedScalars.Url)
			.scalar(ExtendedScalars.CountryCode)
			.scalar(ExtendedScalars.PositiveInt)
			.scalar(ExtendedScalars.NonNegativeInt);
	}

	/**
	 * Documents hold {@link Instant}s (MongoDB dates have no offset); the extended DateTime scalar serializes
	 * only offset-aware values, so instants are presented in UTC.
	 */
	static GraphQLScalarType instantAwareDateTime() {
		GraphQLScalarType dateTime = ExtendedScalars.DateTime;
		@SuppressWarnings("unchecked")
		Coercing<Object, Object> coercing = (Coercing<Object, Object>) dateTime.getCoercing();
		return dateTime.transform((builder) -> builder.coercing(new InstantAwareCoercing(coercing)));
	}

	/**
	 * The extended BigDecimal scalar, refusing as input any number MongoDB's Decimal128 cannot hold exactly (more
	 * than 34 significant digits, or an exponent such as {@code 1e999999999} or {@code 1e-7000}): such a value
	 * would otherwise fail deep in the driver as an internal error, or cost unbounded work to scale.
	 */
	static GraphQLScalarType storableBigDecimal() {
		GraphQLScalarType decimal = ExtendedScalars.GraphQLBigDecimal;
		@SuppressWarnings("unchecked")
		Coercing<Object, Object> coercing = (Coercing<Object, Object>) decimal.getCoercing();
		return decimal.transform((builder) -> builder.coercing(new StorableDecimalCoercing(coercing)));
	}

	/** Whether MongoDB can store this decimal exactly. */
	public static boolean isStorable(BigDecimal value) {
		try {
			new Decimal128(value);
			return true;
		}
		catch (NumberFormatException ex) {
			return false;
		}
	}

	private record StorableDecimalCoercing(Coercing<Object, Object> delegate) implements Coercing<Object, Object> {

		@Override
		public @Nullable Object serialize(Object input, GraphQLContext context, Locale locale)
				throws CoercingSerializeException {
			return this.delegate.serialize(input, context, locale);
		}

		@Override
		public @Nullable Object parseValue(Object input, GraphQLContext context, Locale locale)
				throws CoercingParseValueException {
			Object value = this.delegate.parseValue(input, context, locale);
			if (value instanceof BigDecimal decimal && !isStorable(decimal)) {
				throw new CoercingParseValueException(OUT_OF_RANGE);
			}
			return value;
		}

		@Override
		public @Nullable Object parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context,
				Locale locale) throws CoercingParseLiteralException {
			Object value = this.delegate.parseLiteral(input, variables, context, locale);
			if (value instanceof BigDecimal decimal && !isStorable(decimal)) {
				throw new CoercingParseLiteralException(OUT_OF_RANGE);
			}
			return value;
		}

		@Override
		public Value<?> valueToLiteral(Object input, GraphQLContext context, Locale locale) {
			return this.delegate.valueToLiteral(input, context, locale);
		}

	}

	private static final String OUT_OF_RANGE = "A BigDecimal may have at most 34 significant digits and an exponent "
			+ "from -6176 to 6111.";

	private record InstantAwareCoercing(Coercing<Object, Object> delegate) implements Coercing<Object, Object> {

		@Override
		public @Nullable Object serialize(Object input, GraphQLContext context, Locale locale)
				throws CoercingSerializeException {
			Object value = (input instanceof Instant instant) ? instant.atOffset(ZoneOffset.UTC) : input;
			return this.delegate.serialize(value, context, locale);
		}

		@Override
		public @Nullable Object parseValue(Object input, GraphQLContext context, Locale locale)
				throws CoercingParseValueException {
			return this.delegate.parseValue(input, context, locale);
		}

		@Override
		public @Nullable Object parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context,
				Locale locale) throws CoercingParseLiteralException {
			return this.delegate.parseLiteral(input, variables, context, locale);
		}

		@Override
		public Value<?> valueToLiteral(Object input, GraphQLContext context, Locale locale) {
			return this.delegate.valueToLiteral(input, context, locale);
		}

	}

}
