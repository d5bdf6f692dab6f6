package io.storefront.gateway.cart;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.stereotype.Service;

/**
 * Reads carts; a user who has no cart document has an empty cart.
 */
@Service
public class CartService {

	private final Carts carts;

	CartService(Carts carts) {
		this.carts = carts;
	}

	/** The carts of these users, in one read, empty ones included. */
	public Map<String, Cart> cartsOf(Collection<String> userIds) {
		Map<String, Cart> stored = this.carts.findAllById(List.copyOf(userIds))
			.stream()
			.collect(Collectors.toMap(Cart::userId, Function.identity()));
		return userIds.stream().distinct().collect(Collectors.toMap(Function.identity(),
				(userId) -> stored.getOrDefault(userId, Cart.empty(userId))));
	}

}
