package io.storefront.gateway.cart;

import java.time.Instant;
import java.util.List;

import io.storefront.gateway.security.Owned;
import org.jspecify.annotations.Nullable;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A cart document, keyed by its user's id: one cart per user, and the key a sharded cluster routes by.
 */
@Document("carts")
public record Cart(@Id String userId, List<CartLine> items, @Nullable Instant updatedAt,
		@Version @Nullable Long version) implements Owned {

	/** The cart of a user who has never added anything. */
	static Cart empty(String userId) {
		return new Cart(userId, List.of(), null, null);
	}

	@Override
	public String ownerId() {
		return this.userId;
	}

	/** Units over all lines. */
	public int itemCount() {
		return this.items.stream().mapToInt(CartLine::quantity).sum();
	}

	/** One line: a product and how many of it. Its price is never stored; it is read live. */
	public record CartLine(String productId, int quantity) {

	}

}
