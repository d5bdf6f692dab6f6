package io.storefront.gateway.catalog;

import java.util.Set;
import java.util.function.Function;

/**
 * The orders a listing can be read in. The id is always the final, ascending key, which makes every order
 * total, so a keyset position is exact.
 */
public enum ProductSort {

	NEWEST("createdAt", true, Product::createdAt),
	PRICE_ASC("price.amount", false, (product) -> product.price().amount()),
	PRICE_DESC("price.amount", true, (product) -> product.price().amount()),
	NAME_ASC("name", false, Product::name);

	private final String field;

	private final boolean descending;

	private final Function<Product, Object> key;

	ProductSort(String field, boolean descending, Function<Product, Object> key) {
		this.field = field;
		this.descending = descending;
		this.key = key;
	}

	/** The stored field this order sorts by first, and names in keyset positions. */
	String field() {
		return this.field;
	}

	boolean descending() {
		return this.descending;
	}

	/** The value of this order's first key in a product. */
	Object keyOf(Product product) {
		return this.key.apply(product);
	}

	/** The keys a keyset position in this order holds. */
	Set<String> keysetKeys() {
		return Set.of(this.field, "id");
	}

}
