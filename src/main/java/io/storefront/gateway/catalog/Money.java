package io.storefront.gateway.catalog;

import java.math.BigDecimal;
import java.util.Currency;

/**
 * An exact amount in one currency, stored as Decimal128 and never as a floating-point number.
 */
public record Money(BigDecimal amount, Currency currency) {

	public static Money of(String amount, String currency) {
		return new Money(new BigDecimal(amount), Currency.getInstance(currency));
	}

}
