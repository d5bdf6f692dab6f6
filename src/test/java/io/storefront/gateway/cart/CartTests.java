package io.storefront.gateway.cart;

import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.storefront.gateway.cart.Cart.CartLine;
import io.storefront.gateway.kernel.ErrorCode;
import io.storefront.gateway.kernel.StorefrontException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The cart's own invariants, without a store: quantities, line limits, and what a change leaves alone. */
class CartTests {

	static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");

	final Cart cart = new Cart("u1", List.of(new CartLine("p1", 2), new CartLine("p2", 1)), null, 7L);

	@Test
	void addingToAnExistingLineRaisesItsQuantityInPlace() {
		Cart changed = this.cart.adding("p1", 3, NOW);

		assertThat(changed.items()).containsExactly(new CartLine("p1", 5), new CartLine("p2", 1));
		assertThat(changed.itemCount()).isEqualTo(6);
		assertThat(changed.updatedAt()).isEqualTo(NOW);
		assertThat(changed.version()).as("the version it was read at, for the conditional write").isEqualTo(7L);
	}

	@Test
	void addingANewProductAppendsALine() {
		assertThat(this.cart.adding("p3", 1, NOW).items()).containsExactly(new CartLine("p1", 2),
				new CartLine("p2", 1), new CartLine("p3", 1));
	}

	@Test
	void quantityZeroRemovesTheLineAndAnAbsentOneIsNoChange() {
		assertThat(this.cart.withQuantity("p1", 0, NOW).items()).containsExactly(new CartLine("p2", 1));
		assertThat(this.cart.withQuantity("p9", 0, NOW).items()).isEqualTo(this.cart.items());
	}

	@Test
	void aLineHoldsAtMost99UnitsWithoutWrappingAround() {
		assertThat(this.cart.adding("p1", 97, NOW).quantityOf("p1")).isEqualTo(99);
		assertThatThrownBy(() -> this.cart.adding("p1", 98, NOW)).isInstanceOfSatisfying(StorefrontException.class,
				(ex) -> {
					assertThat(ex.code()).isEqualTo(ErrorCode.BAD_USER_INPUT);
					assertThat(ex.field()).isEqualTo("input.quantity");
				});
		assertThatThrownBy(() -> this.cart.adding("p1", Integer.MAX_VALUE, NOW))
			.isInstanceOf(StorefrontException.class);
		assertThatThrownBy(() -> this.cart.adding("p1", 0, NOW)).isInstanceOf(StorefrontException.class);
		assertThatThrownBy(() -> this.cart.withQuantity("p1", -1, NOW)).isInstanceOfSatisfying(
				StorefrontException.class, (ex) -> assertThat(ex.field()).isEqualTo("quantity"));
		assertThatThrownBy(() -> this.cart.withQuantity("p1", 100, NOW)).isInstanceOf(StorefrontException.class);
	}

	@Test
	void aCartHoldsAtMost100DifferentProducts() {
		List<CartLine> full = IntStream.range(0, Cart.MAX_LINES).mapToObj((i) -> new CartLine("p" + i, 1)).toList();
		Cart cart = new Cart("u1", full, null, null);

		assertThatThrownBy(() -> cart.adding("another", 1, NOW)).isInstanceOfSatisfying(StorefrontException.class,
				(ex) -> assertThat(ex.field()).isEqualTo("productId"));
		assertThat(cart.adding("p0", 1, NOW).quantityOf("p0")).as("an existing line still grows").isEqualTo(2);
	}

	@Test
	void clearingKeepsTheOwnerAndVersion() {
		Cart cleared = this.cart.cleared(NOW);

		assertThat(cleared.isEmpty()).isTrue();
		assertThat(cleared.ownerId()).isEqualTo("u1");
		assertThat(cleared.version()).isEqualTo(7L);
		assertThat(Cart.empty("u2").itemCount()).isZero();
	}

}
