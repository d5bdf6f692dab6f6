package io.storefront.gateway.catalog;

import java.math.BigDecimal;
import java.net.URL;
import java.util.Currency;

import org.jspecify.annotations.Nullable;

/**
 * The inputs of the catalog mutations, as the schema declares them.
 */
final class ProductInputs {

	private ProductInputs() {
	}

	record MoneyInput(BigDecimal amount, Currency currency) {

	}

	record CreateProductInput(String sku, String name, String description, MoneyInput price, String category,
			@Nullable URL imageUrl, int stock, MoneyInput cost) {

	}

	record UpdateProductInput(@Nullable String name, @Nullable String description, @Nullable MoneyInput price,
			@Nullable String category, @Nullable URL imageUrl, @Nullable MoneyInput cost) {

	}

}
