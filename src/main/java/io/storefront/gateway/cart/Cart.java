package io.storefront.gateway.cart;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import io.storefront.gateway.kernel.ErrorCode;
import io.storefront.gateway.kernel.InvalidInputException;
import io.storefront.gateway.kernel.StorefrontException;
import io.storefront.gateway.security.Owned;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A cart document, keyed by its user's id: one cart per user, and the key a sharded cluster routes by. It is
 * versioned: every change reads it, changes it here, and writes it back only if nobody wrote in between, so
 * two tabs of one user lose nothing. The limits of a cart are its own invariants.
 */
@Document("carts")
public record Cart(@Id String userId, List<CartLine> items, @Nullable Instant updatedAt,
		@Version @Nullable Long version) implements Owned {

	static final int MAX_QUANTITY = 99;

	static final int MAX_LINES = 100;

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

	public boolean isEmpty() {
		return this.items.isEmpty();
	}

	/**
	 * Refuses a quantity outside {@code min} to {@value #MAX_QUANTITY} before it is used in any sum, so that no
	 * input can wrap an int around.
	 */
	static void requireQuantity(String field, int quantity, int min) {
		if (quantity < min || quantity > MAX_QUANTITY) {
			throw new InvalidInputException(field, "quantity must be " + min + " to " + MAX_QUANTITY + ".");
		}
	}

	/** This cart with quantity more units of the product, on its existing line or a new one. */
	Cart adding(String productId, int quantity, Instant now) {
		requireQuantity("input.quantity", quantity, 1);
		int current = quantityOf(productId);
		if ((long) current + quantity > MAX_QUANTITY) {
			throw new InvalidInputException("input.quantity",
					"A line holds at most " + MAX_QUANTITY + " units; this one has " + current + ".");
		}
		return withQuantity(productId, current + quantity, now);
	}

	/** This cart with the product's line set to quantity units; 0 removes the line. */
	Cart withQuantity(String productId, int quantity, Instant now) {
		requireQuantity("quantity", quantity, 0);
		List<CartLine> lines = new ArrayList<>();
		boolean found = false;
		for (CartLine line : this.items) {
			if (line.productId().equals(productId)) {
				found = true;
				if (quantity > 0) {
					lines.add(new CartLine(productId, quantity));
				}
			}
			else {
				lines.add(line);
			}
		}
		if (!found && quantity > 0) {
			if (this.items.size() >= MAX_LINES) {
				throw new StorefrontException(ErrorCode.BAD_USER_INPUT,
						"A cart holds at most " + MAX_LINES + " different products.", "productId");
			}
			lines.add(new CartLine(productId, quantity));
		}
		return new Cart(this.userId, List.copyOf(lines), now, this.version);
	}

	Cart cleared(Instant now) {
		return new Cart(this.userId, List.of(), now, this.version);
	}

	int quantityOf(String productId) {
		return this.items.stream()
			.filter((line) -> line.productId().equals(productId))
			.mapToInt(CartLine::quantity)
			.sum();
	}

	/** One line: a product and how many of it. Its price is never stored; it is read live. */
	public record CartLine(String productId, int quantity) {

	}

}
