package io.storefront.gateway.cart;

import java.math.BigDecimal;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.storefront.gateway.account.User;
import io.storefront.gateway.cart.Cart.CartLine;
import io.storefront.gateway.catalog.Money;
import io.storefront.gateway.catalog.Product;
import io.storefront.gateway.catalog.ProductCatalog;
import io.storefront.gateway.catalog.ProductLoader;
import org.dataloader.DataLoader;
import org.jspecify.annotations.Nullable;

import io.storefront.gateway.security.Caller;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/**
 * Carts in the graph: the cart mutations of the signed-in caller, and a user's cart with the live prices of its
 * lines. Carts are batch-loaded and products come from the request's one product loader ({@link ProductLoader}),
 * so a page of users with their carts reads carts once and products once.
 */
@Controller
class CartController {

	private final CartService carts;

	CartController(CartService carts) {
		this.carts = carts;
	}

	@MutationMapping
	Cart addToCart(@Argument AddToCartInput input, @ContextValue Caller caller) {
		return this.carts.add(caller.requireUserId(), input.productId(), input.quantity());
	}

	@MutationMapping
	Cart setCartItemQuantity(@Argument String productId, @Argument int quantity, @ContextValue Caller caller) {
		return this.carts.setQuantity(caller.requireUserId(), productId, quantity);
	}

	@MutationMapping
	Cart removeFromCart(@Argument String productId, @ContextValue Caller caller) {
		return this.carts.remove(caller.requireUserId(), productId);
	}

	@MutationMapping
	Cart clearCart(@ContextValue Caller caller) {
		return this.carts.clear(caller.requireUserId());
	}

	record AddToCartInput(String productId, int quantity) {

	}

	@BatchMapping(typeName = "User")
	Map<User, Cart> cart(List<User> users) {
		Map<String, Cart> byUser = this.carts.cartsOf(users.stream().map(User::id).toList());
		return users.stream().distinct().collect(Collectors.toMap(Function.identity(), (user) -> byUser.get(user.id())));
	}

	@SchemaMapping(typeName = "CartItem")
	CompletableFuture<Product> product(CartLine line, DataLoader<String, Product> productById) {
		return productById.load(line.productId());
	}

	@SchemaMapping(typeName = "CartItem")
	CompletableFuture<@Nullable Money> lineTotal(CartLine line, DataLoader<String, Product> productById) {
		return productById.load(line.productId()).thenApply((product) -> (product != null) ? times(product, line) : null);
	}

	/** The sum of the line totals; lines whose product is gone count nothing. */
	@SchemaMapping
	CompletableFuture<Money> subtotal(Cart cart, DataLoader<String, Product> productById) {
		return productById.loadMany(cart.items().stream().map(CartLine::productId).toList()).thenApply((products) -> {
			Money sum = new Money(BigDecimal.ZERO, ProductCatalog.SHOP_CURRENCY);
			for (int i = 0; i < products.size(); i++) {
				Product product = products.get(i);
				if (product != null) {
					sum = new Money(sum.amount().add(times(product, cart.items().get(i)).amount()),
							product.price().currency());
				}
			}
			return sum;
		});
	}

	private static Money times(Product product, CartLine line) {
		return new Money(product.price().amount().multiply(BigDecimal.valueOf(line.quantity())),
				product.price().currency());
	}

}
