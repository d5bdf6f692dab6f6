package io.storefront.gateway.cart;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.storefront.gateway.account.User;
import io.storefront.gateway.cart.Cart.CartLine;
import io.storefront.gateway.catalog.Money;
import io.storefront.gateway.catalog.Product;
import io.storefront.gateway.catalog.ProductCatalog;

import io.storefront.gateway.security.Caller;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.stereotype.Controller;

/**
 * Carts in the graph: the cart mutations of the signed-in caller, and a user's cart with the live prices of its
 * lines, each batch-loaded, so a page of users with their carts reads carts once and products once.
 */
@Controller
class CartController {

	private final CartService carts;

	private final ProductCatalog catalog;

	CartController(CartService carts, ProductCatalog catalog) {
		this.carts = carts;
		this.catalog = catalog;
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

	@BatchMapping(typeName = "CartItem")
	Map<CartLine, Product> product(List<CartLine> lines) {
		Map<String, Product> products = productsOf(lines);
		return lines.stream()
			.distinct()
			.filter((line) -> products.containsKey(line.productId()))
			.collect(Collectors.toMap(Function.identity(), (line) -> products.get(line.productId())));
	}

	@BatchMapping(typeName = "CartItem")
	Map<CartLine, Money> lineTotal(List<CartLine> lines) {
		Map<String, Product> products = productsOf(lines);
		return lines.stream()
			.distinct()
			.filter((line) -> products.containsKey(line.productId()))
			.collect(Collectors.toMap(Function.identity(), (line) -> times(products.get(line.productId()), line)));
	}

	@BatchMapping
	Map<Cart, Money> subtotal(List<Cart> carts) {
		Map<String, Product> products = productsOf(carts.stream().flatMap((cart) -> cart.items().stream()).toList());
		return carts.stream().distinct().collect(Collectors.toMap(Function.identity(), (cart) -> subtotal(cart, products)));
	}

	private static Money subtotal(Cart cart, Map<String, Product> products) {
		Money sum = new Money(BigDecimal.ZERO, ProductCatalog.SHOP_CURRENCY);
		for (CartLine line : cart.items()) {
			Product product = products.get(line.productId());
			if (product != null) {
				sum = new Money(sum.amount().add(times(product, line).amount()), product.price().currency());
			}
		}
		return sum;
	}

	private static Money times(Product product, CartLine line) {
		return new Money(product.price().amount().multiply(BigDecimal.valueOf(line.quantity())),
				product.price().currency());
	}

	private Map<String, Product> productsOf(Collection<CartLine> lines) {
		return this.catalog.findProducts(lines.stream().map(CartLine::productId).toList())
			.stream()
			.collect(Collectors.toMap(Product::id, Function.identity()));
	}

}
