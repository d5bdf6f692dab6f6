package io.storefront.gateway.catalog;

import java.util.Set;

import org.springframework.data.domain.Sort;

/**
 * The orders a listing can be read in. Spring Data appends the id as the final ascending key, which makes
 * every order total, so a keyset position is exact.
 */
public enum ProductSort {

	NEWEST(Sort.by(Sort.Direction.DESC, "createdAt")),
	PRICE_ASC(Sort.by(Sort.Direction.ASC, "price.amount")),
	PRICE_DESC(Sort.by(Sort.Direction.DESC, "price.amount")),
	NAME_ASC(Sort.by(Sort.Direction.ASC, "name"));

	private final Sort sort;

	ProductSort(Sort sort) {
		this.sort = sort;
	}

	Sort sort() {
		return this.sort;
	}

	/** The keys a keyset position in this order holds. */
	Set<String> keysetKeys() {
		return Set.of(this.sort.iterator().next().getProperty(), "id");
	}

}
