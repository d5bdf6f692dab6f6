package io.storefront.gateway.graphql;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Locale;

import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
import graphql.language.BooleanValue;
import graphql.language.FloatValue;
import graphql.language.IntValue;
import graphql.language.StringValue;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.CoercingParseValueException;
import graphql.schema.CoercingSerializeException;
import org.bson.types.Decimal128;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The {@code Decimal} scalar: strings in plain notation out, with the value's scale; the same strings and plain
 * numbers in; anything else, and anything Decimal128 cannot hold, refused.
 */
class DecimalCoercingTests {

	final DecimalCoercing decimal = new DecimalCoercing();

	final GraphQLContext context = GraphQLContext.getDefault();

	@Test
	void serializesAsPlainStringsKeepingTheScale() {
		assertThat(out(new BigDecimal("9.10"))).isEqualTo("9.10");
		assertThat(out(new BigDecimal("1E+3"))).isEqualTo("1000");
		assertThat(out(new BigDecimal("0.00"))).isEqualTo("0.00");
		assertThat(out(new BigDecimal("-0.000001"))).isEqualTo("-0.000001");
		assertThat(out(new Decimal128(new BigDecimal("132.70")))).isEqualTo("132.70");
		assertThat(out(7)).isEqualTo("7");
		assertThat(out(7L)).isEqualTo("7");
		assertThat(out(BigInteger.TEN)).isEqualTo("10");
		assertThatExceptionOfType(CoercingSerializeException.class).isThrownBy(() -> out(9.1d));
		assertThatExceptionOfType(CoercingSerializeException.class).isThrownBy(() -> out("9.10"));
	}

	@Test
	void acceptsPlainStringsAndNumbers() {
		assertThat(in("9.10")).isEqualTo(new BigDecimal("9.10"));
		assertThat(in("-3")).isEqualTo(new BigDecimal("-3"));
		assertThat(in("0012.5")).isEqualTo(new BigDecimal("12.5"));
		assertThat(in(new BigDecimal("24.50"))).isEqualTo(new BigDecimal("24.50"));
		assertThat(in(24)).isEqualTo(new BigDecimal("24"));
		assertThat(in(24L)).isEqualTo(new BigDecimal("24"));
		assertThat(in(9.1d)).isEqualTo(new BigDecimal("9.1"));
		assertThat(literal(StringValue.of("9.10"))).isEqualTo(new BigDecimal("9.10"));
		assertThat(literal(IntValue.of(5))).isEqualTo(new BigDecimal("5"));
		assertThat(literal(FloatValue.of(9.1))).isEqualByComparingTo("9.1");
	}

	@ParameterizedTest
	@ValueSource(strings = { "9.1e0", "1E+3", "1,50", " 9.10", "9.10 ", "+9.10", "9.", ".5", "", "nine", "0x10",
			"Infinity", "NaN", "12345678901234567890123456789012345" })
	void refusesAnythingButPlainNotation(String text) {
		assertThatExceptionOfType(CoercingParseValueException.class).isThrownBy(() -> in(text))
			.withMessageStartingWith("A Decimal is a string of digits");
		assertThatExceptionOfType(CoercingParseLiteralException.class).isThrownBy(() -> literal(StringValue.of(text)));
	}

	@Test
	void refusesWhatIsNotANumberOrCannotBeStored() {
		for (Object value : new Object[] { true, Double.NaN, Double.POSITIVE_INFINITY, new BigDecimal("1e999999999"),
				new BigDecimal("1e-7000"), java.util.List.of("1") }) {
			assertThatExceptionOfType(CoercingParseValueException.class).as("%s", value).isThrownBy(() -> in(value));
		}
		assertThatExceptionOfType(CoercingParseLiteralException.class)
			.isThrownBy(() -> literal(BooleanValue.of(true)));
	}

	@Test
	void literalsForDefaultValuesAreStrings() {
		assertThat(this.decimal.valueToLiteral(new BigDecimal("9.10"), this.context, Locale.ROOT))
			.isInstanceOfSatisfying(StringValue.class, (value) -> assertThat(value.getValue()).isEqualTo("9.10"));
	}

	private String out(Object value) {
		return this.decimal.serialize(value, this.context, Locale.ROOT);
	}

	private BigDecimal in(Object value) {
		return this.decimal.parseValue(value, this.context, Locale.ROOT);
	}

	private BigDecimal literal(graphql.language.Value<?> value) {
		return this.decimal.parseLiteral(value, CoercedVariables.emptyVariables(), this.context, Locale.ROOT);
	}

}
