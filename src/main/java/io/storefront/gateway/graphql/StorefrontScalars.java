package io.storefront.gateway.graphql;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;

import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
import graphql.language.Value;
import graphql.scalars.ExtendedScalars;
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
			.scalar(decimal())
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

	/** Exact decimals as strings in plain notation: {@link DecimalCoercing}. */
	static GraphQLScalarType decimal() {
		return GraphQLScalarType.newScalar()
			.name("Decimal")
			.description("An exact decimal number, as a string in plain notation.")
			.coercing(new DecimalCoercing())
			.build();
	}

	/** Whether MongoDB can store this decimal exactly. */
	public static boolean isStorable(BigDecimal value) {
		return DecimalCoercing.storable(value);
	}

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
