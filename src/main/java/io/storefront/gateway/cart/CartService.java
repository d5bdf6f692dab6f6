package io.storefront.gateway.cart;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

import io.storefront.gateway.catalog.Product;
import io.storefront.gateway.catalog.ProductCatalog;
import io.storefront.gateway.kernel.InvalidInputException;
import io.storefront.gateway.kernel.Ids;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

/**
 * Reads and changes carts. A user without a cart document has an empty cart; the document is created on the
 * first change. Changes are optimistic: a write that lost a race with another tab is read and applied again.
 */
@Service
public class CartService {

	private static final int ATTEMPTS = 20;

	private final Carts carts;

	private final MongoOperations mongo;

	private final ProductCatalog catalog;

	private final Clock clock;

	CartService(Carts carts, MongoOperations mongo, ProductCatalog catalog, Clock clock) {
		this.carts = carts;
		this.mongo = mongo;
		this.catalog = catalog;
		this.clock = clock;
	}

	/** The carts of these users, in one read, empty ones included. */
	public Map<String, Cart> cartsOf(Collection<String> userIds) {
		Map<String, Cart> stored = this.carts.findAllById(List.copyOf(userIds))
			.stream()
			.collect(Collectors.toMap(Cart::userId, Function.identity()));
		return userIds.stream().distinct().collect(Collectors.toMap(Function.identity(),
				(userId) -> stored.getOrDefault(userId, Cart.empty(userId))));
	}

	public Cart cartOf(String userId) {
		return this.carts.findById(userId).orElseGet(() -> Cart.empty(userId));
	}

	/**
	 * Empties the cart a checkout turned into an order, unless it changed since the checkout read it (then the
	 * newer contents stay).
	 */
	public void clearAfterCheckout(String userId, long version) {
		this.mongo.updateFirst(Query.query(Criteria.where("userId").is(userId).and("version").is(version)),
				new Update().set("items", List.of()).set("updatedAt", now()).inc("version", 1), Cart.class);
	}

	Cart add(String userId, String productId, int quantity) {
		String id = requireListed("input.productId", productId);
		return change(userId, (cart) -> cart.adding(id, quantity, now()));
	}

	Cart setQuantity(String userId, String productId, int quantity) {
		String id = (quantity > 0) ? requireListed("productId", productId) : Ids.requireId("productId", productId);
		return change(userId, (cart) -> cart.withQuantity(id, quantity, now()));
	}

	Cart remove(String userId, String productId) {
		String id = Ids.requireId("productId", productId);
		return change(userId, (cart) -> cart.withQuantity(id, 0, now()));
	}

	Cart clear(String userId) {
		return change(userId, (cart) -> cart.cleared(now()));
	}

	private Cart change(String userId, UnaryOperator<Cart> change) {
		for (int attempt = 1;; attempt++) {
			Cart changed = change.apply(cartOf(userId));
			try {
				return this.carts.save(changed);
			}
			catch (OptimisticLockingFailureException | DuplicateKeyException ex) {
				// another request wrote the cart since it was read: read it again and redo the change on it
				if (attempt == ATTEMPTS) {
					throw ex;
				}
			}
		}
	}

	/** The canonical id of a product that is for sale. */
	private String requireListed(String field, String productId) {
		Product product = this.catalog.findProduct(field, productId).orElse(null);
		if (product == null || product.archived()) {
			throw new InvalidInputException(field, "No product with this id is for sale.");
		}
		return product.id();
	}

	private Instant now() {
		return this.clock.instant().truncatedTo(ChronoUnit.MILLIS);
	}

}
