package io.storefront.gateway.catalog;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.bson.types.ObjectId;
import org.jspecify.annotations.Nullable;

import io.storefront.gateway.graphql.InvalidInputException;

import org.springframework.data.domain.KeysetScrollPosition;
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

	static final int DEFAULT_PAGE_SIZE = 20;

	static final int MAX_PAGE_SIZE = 100;

	static final int MAX_SEARCH_LENGTH = 100;

	private final Products products;

	private final MongoOperations mongo;

	ProductCatalog(Products products, MongoOperations mongo) {
		this.products = products;
		this.mongo = mongo;
	}

	/** The product with this id, archived or not; empty when there is none. */
	public Optional<Product> findProduct(String id) {
		return this.products.findById(requireObjectId("id", id));
	}

	/** One window of the listing, in the given order, after the given position (from the start when null). */
	public Window<Product> listProducts(ProductFilter filter, ProductSort sort, int pageSize,
			@Nullable ScrollPosition after) {
		if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
			throw new InvalidInputException("first", "first must be between 1 and " + MAX_PAGE_SIZE + ".");
		}
		KeysetScrollPosition position = startingAt(after, sort);
		Query query = new Query(listingCriteria(filter)).with(sort.sort()).with(position).limit(pageSize);
		return this.mongo.scroll(query, Product.class);
	}

	private static KeysetScrollPosition startingAt(@Nullable ScrollPosition position, ProductSort sort) {
		if (position == null) {
			return ScrollPosition.keyset();
		}
		if (!(position instanceof KeysetScrollPosition keyset) || !keyset.getKeys().keySet().equals(sort.keysetKeys())
				|| !ObjectId.isValid(String.valueOf(keyset.getKeys().get("id")))) {
			throw new InvalidInputException("after", "The cursor belongs to another sort order; start again without it.");
		}
		return keyset;
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
			String pattern = literalPattern(filter.search());
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

	/**
	 * The search text as a regular expression that matches it literally: every ASCII punctuation character is
	 * escaped, which both MongoDB's PCRE and Java's regex read as the character itself.
	 */
	static String literalPattern(String text) {
		if (text.length() > MAX_SEARCH_LENGTH) {
			throw new InvalidInputException("filter.search",
					"search must be at most " + MAX_SEARCH_LENGTH + " characters.");
		}
		StringBuilder pattern = new StringBuilder(text.length() * 2);
		text.codePoints().forEach((c) -> {
			if (c < 128 && !Character.isLetterOrDigit(c) && !Character.isWhitespace(c)) {
				pattern.append('\\');
			}
			pattern.appendCodePoint(c);
		});
		return pattern.toString();
	}

	private static BigDecimal requireNotNegative(String field, BigDecimal amount) {
		if (amount.signum() < 0) {
			throw new InvalidInputException(field, field.substring(field.indexOf('.') + 1) + " must not be negative.");
		}
		return amount;
	}

	static String requireObjectId(String field, String id) {
		if (!ObjectId.isValid(id)) {
			throw new InvalidInputException(field, field + " is not a valid id.");
		}
		return id;
	}

}
