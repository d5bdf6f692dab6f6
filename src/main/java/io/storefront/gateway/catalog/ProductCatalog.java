package io.storefront.gateway.catalog;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Currency;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import io.storefront.gateway.kernel.Connection;
import io.storefront.gateway.kernel.Ids;
import io.storefront.gateway.kernel.Pages;

import org.springframework.data.domain.ScrollPosition;
import org.springframework.graphql.data.pagination.CursorStrategy;
import org.springframework.stereotype.Service;

/**
 * Reads the catalog: single products by id and listings as keyset windows.
 */
@Service
public class ProductCatalog {

	/** The currency of an amount that has no product to take one from, such as an empty cart's subtotal. */
	public static final Currency SHOP_CURRENCY = Currency.getInstance("USD");

	private final Products products;

	private final ProductListing listing;

	ProductCatalog(Products products, ProductListing listing) {
		this.products = products;
		this.listing = listing;
	}

	/** The product with this id, archived or not; empty when there is none. */
	public Optional<Product> findProduct(String id) {
		return findProduct("id", id);
	}

	/** The same, naming the input field a malformed id came in. */
	public Optional<Product> findProduct(String field, String id) {
		return this.products.findById(Ids.requireId(field, id));
	}

	/** The products with these ids that exist, archived ones included, in one read. */
	public List<Product> findProducts(Collection<String> ids) {
		List<Product> found = new ArrayList<>();
		this.products.findAllById(ids.stream().map(Ids::canonicalId).filter(Objects::nonNull).distinct().toList()).forEach(found::add);
		return found;
	}

	/**
	 * One page of the listing, in the given order, after the given position (from the start when null), holding
	 * the given fields of {@code Product} (the rest are left out of the read).
	 */
	public Connection<Product> listProducts(ProductFilter filter, ProductSort sort, @Nullable Integer first,
			@Nullable ScrollPosition after, Set<String> fields, CursorStrategy<ScrollPosition> cursors) {
		ProductListing.Page page = this.listing.read(filter, sort, Pages.size(first),
				Pages.after(after, sort.keysetKeys()), fields);
		return Connection.of(page.products(), page.hasNext(), page::positionAt, cursors);
	}

}
