package io.storefront.gateway.catalog;

import java.math.BigDecimal;

import org.jspecify.annotations.Nullable;

/**
 * The {@code ProductFilter} input: every given condition must hold.
 */
public record ProductFilter(@Nullable String category, @Nullable String search, @Nullable BigDecimal minPrice,
		@Nullable BigDecimal maxPrice, @Nullable Boolean inStock) {

	static final ProductFilter NONE = new ProductFilter(null, null, null, null, null);

}
