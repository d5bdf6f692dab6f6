package io.storefront.gateway.catalog;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A product document. Listings show only products that are not archived; archived ones stay readable by id
 * because old orders point at them. The compound indexes serve each listing sort with its id tie-breaker.
 * <p>
 * The stored document also carries the stock {@code holds} of {@link StockLedger}, which this record does not
 * map: an existing product is therefore only ever changed with update operators, never replaced whole.
 */
@Document(Product.COLLECTION)
@CompoundIndex(name = "holds", def = "{'holds.ref': 1}", sparse = true)
@CompoundIndex(name = "listing_newest", def = "{'archived': 1, 'createdAt': -1, '_id': 1}")
@CompoundIndex(name = "listing_price", def = "{'archived': 1, 'price.amount': 1, '_id': 1}")
@CompoundIndex(name = "listing_name", def = "{'archived': 1, 'name': 1, '_id': 1}")
@CompoundIndex(name = "listing_category", def = "{'archived': 1, 'category': 1, 'createdAt': -1, '_id': 1}")
public record Product(@Id String id, @Indexed(unique = true) String sku, String name, String description,
		Money price, String category, @Nullable String imageUrl, int stock, Money cost, boolean archived,
		Instant createdAt, Instant updatedAt, @Version @Nullable Long version) {

	/** The collection products are kept in. */
	public static final String COLLECTION = "products";

	public boolean inStock() {
		return this.stock > 0;
	}

	/** This product with another stock; for creating products, never to write stock back (see StockLedger). */
	public Product withStock(int newStock) {
		return new Product(this.id, this.sku, this.name, this.description, this.price, this.category, this.imageUrl,
				newStock, this.cost, this.archived, this.createdAt, this.updatedAt, this.version);
	}

	/** This product taken out of listings at the given time; orders that name it can still read it. */
	public Product archivedAt(Instant at) {
		return new Product(this.id, this.sku, this.name, this.description, this.price, this.category, this.imageUrl,
				this.stock, this.cost, true, this.createdAt, at, this.version);
	}

}
