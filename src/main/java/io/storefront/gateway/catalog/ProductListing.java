package io.storefront.gateway.catalog;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import org.bson.codecs.configuration.CodecRegistries;
import org.bson.codecs.configuration.CodecRegistry;
import org.bson.conversions.Bson;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;
import org.jspecify.annotations.Nullable;

import io.storefront.gateway.kernel.InvalidInputException;
import io.storefront.gateway.store.LiteralRegex;

import org.springframework.data.domain.KeysetScrollPosition;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.stereotype.Component;

/**
 * Reads one page of the catalog listing straight from the driver, asking MongoDB for the fields the page shows
 * and nothing else, and decodes the products itself ({@link ListedProductCodec}). The listing is the hottest
 * read of the shop: read through the mapping layer, whole documents cost more than the GraphQL around them.
 * Products made here hold only the fields that were asked for; nothing but the page reads them.
 */
@Component
class ProductListing {

	static final int MAX_SEARCH_LENGTH = 100;

	// a schema field of Product, and the stored field it is read from
	private static final Map<String, String> STORED = Map.ofEntries(Map.entry("id", "_id"), Map.entry("sku", "sku"),
			Map.entry("name", "name"), Map.entry("description", "description"), Map.entry("price", "price"),
			Map.entry("category", "category"), Map.entry("imageUrl", "imageUrl"), Map.entry("inStock", "stock"),
			Map.entry("stock", "stock"), Map.entry("cost", "cost"), Map.entry("createdAt", "createdAt"),
			Map.entry("updatedAt", "updatedAt"));

	private final MongoOperations mongo;

	private final CodecRegistry codecs;

	// made once: each withCodecRegistry wraps the registry anew, with an empty codec cache that every read would
	// then fill again
	private volatile @Nullable MongoCollection<Product> collection;

	ProductListing(MongoOperations mongo) {
		this.mongo = mongo;
		this.codecs = CodecRegistries.fromRegistries(CodecRegistries.fromCodecs(new ListedProductCodec()),
				MongoClientSettings.getDefaultCodecRegistry());
	}

	private MongoCollection<Product> collection() {
		MongoCollection<Product> collection = this.collection;
		if (collection == null) {
			collection = this.mongo.getCollection(this.mongo.getCollectionName(Product.class))
				.withCodecRegistry(this.codecs)
				.withDocumentClass(Product.class);
			this.collection = collection;
		}
		return collection;
	}

	/** One page: up to {@code size} products after the position, with whether more follow. */
	Page read(ProductFilter filter, ProductSort sort, int size, @Nullable KeysetScrollPosition after,
			Set<String> fields) {
		List<Bson> conditions = conditions(filter);
		if (after != null && !after.getKeys().isEmpty()) {
			conditions.add(after(sort, after));
		}
		List<Product> products = new ArrayList<>(size + 1);
		for (Product product : collection().find(Filters.and(conditions))
			.projection(Projections.include(stored(fields, sort)))
			.sort(Sorts.orderBy((sort.descending() ? Sorts.descending(sort.field()) : Sorts.ascending(sort.field())),
					Sorts.ascending("_id")))
			.limit(size + 1)) {
			products.add(product);
		}
		boolean hasNext = products.size() > size;
		return new Page(hasNext ? products.subList(0, size) : products, hasNext, sort);
	}

	/** A page of products read forward, and the keyset position after each. */
	record Page(List<Product> products, boolean hasNext, ProductSort sort) {

		ScrollPosition positionAt(int index) {
			Product product = this.products.get(index);
			Map<String, Object> keys = new LinkedHashMap<>();
			keys.put(this.sort.field(), this.sort.keyOf(product));
			keys.put("id", product.id());
			return ScrollPosition.forward(keys);
		}

	}

	// Every condition goes under one $and, as the keyset's own $or must not merge with the search's.
	private static List<Bson> conditions(ProductFilter filter) {
		List<Bson> conditions = new ArrayList<>();
		conditions.add(Filters.eq("archived", false));
		if (filter.category() != null) {
			conditions.add(Filters.eq("category", filter.category()));
		}
		if (filter.search() != null && !filter.search().isBlank()) {
			String pattern = searchPattern(filter.search());
			conditions.add(Filters.or(Filters.regex("name", pattern, "i"), Filters.regex("description", pattern, "i")));
		}
		if (filter.minPrice() != null) {
			conditions.add(Filters.gte("price.amount", new Decimal128(notNegative("filter.minPrice", filter.minPrice()))));
		}
		if (filter.maxPrice() != null) {
			conditions.add(Filters.lte("price.amount", new Decimal128(notNegative("filter.maxPrice", filter.maxPrice()))));
		}
		if (filter.inStock() != null) {
			conditions.add(filter.inStock() ? Filters.gt("stock", 0) : Filters.lte("stock", 0));
		}
		return conditions;
	}

	/** After (value, id) in this order: a later value, or the same value and a greater id. */
	private static Bson after(ProductSort sort, KeysetScrollPosition position) {
		Object value = stored(position.getKeys().get(sort.field()));
		ObjectId id = new ObjectId(String.valueOf(position.getKeys().get("id")));
		Bson beyond = sort.descending() ? Filters.lt(sort.field(), value) : Filters.gt(sort.field(), value);
		return Filters.or(beyond, Filters.and(Filters.eq(sort.field(), value), Filters.gt("_id", id)));
	}

	private static @Nullable Object stored(@Nullable Object keyValue) {
		if (keyValue instanceof Instant instant) {
			return Date.from(instant);
		}
		if (keyValue instanceof BigDecimal decimal) {
			return new Decimal128(decimal);
		}
		return keyValue;
	}

	private static List<String> stored(Set<String> fields, ProductSort sort) {
		// a price order reads the whole price: the product is made with it, and MongoDB refuses a projection
		// that names both a field and one inside it
		String sortKey = sort.field().startsWith("price.") ? "price" : sort.field();
		List<String> stored = new ArrayList<>(List.of("_id", sortKey));
		for (String field : fields) {
			String name = STORED.get(field);
			if (name != null && !stored.contains(name)) {
				stored.add(name);
			}
		}
		return stored;
	}

	private static String searchPattern(String text) {
		if (text.length() > MAX_SEARCH_LENGTH) {
			throw new InvalidInputException("filter.search",
					"search must be at most " + MAX_SEARCH_LENGTH + " characters.");
		}
		return LiteralRegex.of(text);
	}

	private static BigDecimal notNegative(String field, BigDecimal amount) {
		if (amount.signum() < 0) {
			throw new InvalidInputException(field, field.substring(field.indexOf('.') + 1) + " must not be negative.");
		}
		return amount;
	}

}
