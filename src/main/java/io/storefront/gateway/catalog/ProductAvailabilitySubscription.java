package io.storefront.gateway.catalog;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import io.storefront.gateway.kernel.Ids;
import io.storefront.gateway.kernel.InvalidInputException;
import io.storefront.gateway.store.ChangeFeed;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.SubscriptionMapping;
import org.springframework.stereotype.Controller;

/**
 * {@code productAvailabilityChanged}: a product each time it goes in or out of stock or its price changes. Every
 * change to a product's stock or price is heard of through the {@link ChangeFeed}, from whichever gateway made
 * it; the product is read again and sent only when what a shopper sees of it, being in stock and its price,
 * differs from what this subscription last knew.
 */
@Controller
class ProductAvailabilitySubscription {

	static final int MAX_PRODUCTS = 100;

	private final ProductCatalog catalog;

	private final ChangeFeed changes;

	ProductAvailabilitySubscription(ProductCatalog catalog, ChangeFeed changes) {
		this.catalog = catalog;
		this.changes = changes;
	}

	/** What a shopper sees change. */
	private record Availability(boolean inStock, Money price) {

		static Availability of(Product product) {
			return new Availability(product.inStock(), product.price());
		}

	}

	@SubscriptionMapping
	Flux<Product> productAvailabilityChanged(@Argument List<String> productIds) {
		if (productIds.isEmpty() || productIds.size() > MAX_PRODUCTS) {
			throw new InvalidInputException("productIds", "productIds must name 1 to " + MAX_PRODUCTS + " products.");
		}
		Set<String> ids = new LinkedHashSet<>();
		for (String productId : productIds) {
			ids.add(Ids.requireId("productIds", productId));
		}
		return Flux.defer(() -> {
			Map<String, Availability> known = new ConcurrentHashMap<>();
			// listening before the first read, so that no change falls between the two; a change heard before
			// the first read of its product is that product's starting point, not news
			Mono<Void> firstRead = Mono.fromRunnable(() -> this.catalog.findProducts(ids)
				.forEach((product) -> known.putIfAbsent(product.id(), Availability.of(product))));
			return Flux.merge(this.changes.changes(Product.COLLECTION, ids).publishOn(Schedulers.boundedElastic()),
					firstRead.subscribeOn(Schedulers.boundedElastic()).then(Mono.<String>empty()))
				.concatMap((id) -> Mono.justOrEmpty(this.catalog.findProduct(id)))
				.filter((product) -> {
					Availability now = Availability.of(product);
					Availability before = known.put(product.id(), now);
					return before != null && !before.equals(now);
				});
		});
	}

}
