package io.storefront.gateway.catalog;

import java.math.BigDecimal;
import java.util.Currency;

/**
 * An exact amount in one currency, stored as Decimal128 and never as a floating-point number. The amount has
 * the currency's minor-unit scale ({@code 9.10} USD, {@code 100} JPY), so that every client shows it as money is
 * written; an amount with more decimals than its currency has keeps them, since rounding money is not this
 * record's decision.
 */
public record Money(BigDecimal amount, Currency currency) {

	public Money {
		amount = atMinorUnits(amount, currency.getDefaultFractionDigits());
	}

	public static Money of(String amount, String currency) {
		return new Money(new BigDecimal(amount), Currency.getInstance(currency));
	}

	private static BigDecimal atMinorUnits(BigDecimal amount, int digits) {
		if (digits < 0 || amount.scale() == digits) {
			return amount;
		}
		if (amount.scale() < digits || amount.stripTrailingZeros().scale() <= digits) {
			return amount.setScale(digits);
		}
		return amount;
	}

}
