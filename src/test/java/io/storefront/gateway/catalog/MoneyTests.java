package io.storefront.gateway.catalog;

import java.math.BigDecimal;
import java.util.Currency;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Money carries its currency's minor-unit scale, so that every client shows it as money is written; it never
 * rounds to get there.
 */
class MoneyTests {

	static final Currency USD = Currency.getInstance("USD");

	@Test
	void takesTheScaleOfItsCurrency() {
		assertThat(new Money(new BigDecimal("9.1"), USD).amount().toPlainString()).isEqualTo("9.10");
		assertThat(new Money(new BigDecimal("100"), USD).amount().toPlainString()).isEqualTo("100.00");
		assertThat(new Money(BigDecimal.ZERO, USD).amount().toPlainString()).isEqualTo("0.00");
		assertThat(new Money(new BigDecimal("1E+3"), USD).amount().toPlainString()).isEqualTo("1000.00");
		assertThat(new Money(new BigDecimal("24.500"), USD).amount().toPlainString()).isEqualTo("24.50");
		assertThat(Money.of("100.0", "JPY").amount().toPlainString()).isEqualTo("100");
		assertThat(Money.of("1.5", "BHD").amount().toPlainString()).isEqualTo("1.500");
	}

	@Test
	void neverRoundsAnAmountWithMoreDecimalsThanItsCurrency() {
		assertThat(new Money(new BigDecimal("9.105"), USD).amount().toPlainString()).isEqualTo("9.105");
		assertThat(Money.of("100.5", "JPY").amount().toPlainString()).isEqualTo("100.5");
	}

}
