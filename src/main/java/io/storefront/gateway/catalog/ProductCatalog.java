package io.storefront.gateway.catalog;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Currency;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import io.storefront.gateway.kernel.InvalidInputException;
import io.storefront.gateway.kernel.Ids;
import io.storefront.gateway.kernel.Pages;
import io.storefront.gateway.store.LiteralRegex;

import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Window;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/**
 * Reads the catalog: single products by id and listings as keyset windows.
 */
@Service
public class ProductCatalog {

	static final int MAX_SEARCH_LENGTH = 100;

	/** The currency of an amount that has no product to take one from, such as an empty cart's subtotal. */
	public static final Currency SHOP_CURRENCY = Currency.getInstance("USD");

	private final Products products;

	private final MongoOperations mongo;

	ProductCatalog(Products products, MongoOperations mongo) {
		this.products = products;
		this.mongo = mongo;
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

	/** One window of the listing, in the given order, after the given position (from the start when null). */
	public Window<Product> listProducts(ProductFilter filter, ProductSort sort, @Nullable Integer first,
			@Nullable ScrollPosition after) {
		int pageSize = Pages.size(first);
		Query query = new Query(listingCriteria(filter)).with(sort.sort())
			.with(Pages.after(after, sort.keysetKeys()))
			.limit(pageSize);
		return this.mongo.scroll(query, Product.class);
	}

	// Every condition goes under $and: Spring Data adds the keyset condition as a top-level $or, and must not
	// merge it with the search's own $or.
	private static Criteria listingCriteria(ProductFilter filter) {
		List<Criteria> conditions = new ArrayList<>();
		conditions.add(Criteria.where("archived").is(false));
		if (filter.category() != null) {
			conditions.add(Criteria.where("category").is(filter.category()));
		}
		if (filter.search() != null && !filter.search().isBlank()) {
			String pattern = searchPattern(filter.search());
			conditions.add(new Criteria().orOperator(Criteria.where("name").regex(pattern, "i"),
					Criteria.where("description").regex(pattern, "i")));
		}
		if (filter.minPrice() != null) {
			conditions.add(Criteria.where("price.amount").gte(requireNotNegative("filter.minPrice", filter.minPrice())));
		}
		if (filter.maxPrice() != null) {
			conditions.add(Criteria.where("price.amount").lte(requireNotNegative("filter.maxPrice", filter.maxPrice())));
		}
		if (filter.inStock() != null) {
			conditions.add(filter.inStock() ? Criteria.where("stock").gt(0) : Criteria.where("stock").lte(0));
		}
		return new Criteria().andOperator(conditions);
	}

	private static String searchPattern(String text) {
		if (text.length() > MAX_SEARCH_LENGTH) {
			throw new InvalidInputException("filter.search",
					"search must be at most " + MAX_SEARCH_LENGTH + " characters.");
		}
		return LiteralRegex.of(text);
	}

	private static BigDecimal requireNotNegative(String field, BigDecimal amount) {
		if (amount.signum() < 0) {
			throw new InvalidInputException(field, field.substring(field.indexOf('.') + 1) + " must not be negative.");
		}
		return amount;
	}

}
