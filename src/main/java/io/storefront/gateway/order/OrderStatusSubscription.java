package io.storefront.gateway.order;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import io.storefront.gateway.kernel.ErrorCode;
import io.storefront.gateway.kernel.Ids;
import io.storefront.gateway.kernel.StorefrontException;
import io.storefront.gateway.security.Caller;
import io.storefront.gateway.security.FieldVisibility;
import io.storefront.gateway.store.ChangeFeed;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.SubscriptionMapping;
import org.springframework.stereotype.Controller;

/**
 * {@code orderStatusChanged}: the order as it is now, then again for each status it takes, until it is
 * delivered or cancelled. Each change is heard of through the {@link ChangeFeed}, from whichever gateway made it,
 * and the order read again, so what is sent is what the store holds; two statuses taken between two reads are
 * both sent, in order, each with the order's history up to it. Who may see it is judged on every order sent,
 * by the rules of the schema, as for a query.
 */
@Controller
class OrderStatusSubscription {

	private final OrderService orders;

	private final ChangeFeed changes;

	private final FieldVisibility visibility;

	OrderStatusSubscription(OrderService orders, ChangeFeed changes, FieldVisibility visibility) {
		this.orders = orders;
		this.changes = changes;
		this.visibility = visibility;
	}

	@SubscriptionMapping
	Flux<Order> orderStatusChanged(@Argument String orderId, @ContextValue Caller caller) {
		String id = Ids.requireId("orderId", orderId);
		Set<String> hidden = this.visibility.hiddenFrom(caller, "Order");
		if (this.orders.findOrder(id, hidden).isEmpty()) {
			throw new StorefrontException(ErrorCode.NOT_FOUND, "No order has this id.", "orderId");
		}
		return Flux.defer(() -> {
			// how many statuses of the order's history have been sent: none before the first read, which sends the
			// status now; after that every status taken, even two taken between two reads
			AtomicInteger sent = new AtomicInteger(-1);
			// listening before the first read, so that no change falls between the two
			return Flux.merge(this.changes.changes(Order.COLLECTION, Set.of(id)), Mono.just(id))
				.publishOn(Schedulers.boundedElastic())
				.concatMap((changed) -> Mono.justOrEmpty(this.orders.findOrder(id, hidden)))
				.concatMapIterable((order) -> newStatuses(order, sent))
				.takeUntil((order) -> order.status() == OrderStatus.DELIVERED
						|| order.status() == OrderStatus.CANCELLED);
		});
	}

	// the order as it was at each status it took since the last one sent
	private static List<Order> newStatuses(Order order, AtomicInteger sent) {
		int taken = order.statusHistory().size();
		int from = (sent.get() < 0) ? taken - 1 : sent.get();
		List<Order> news = new ArrayList<>();
		for (int i = Math.max(from, 0); i < taken; i++) {
			news.add(order.asOf(i));
		}
		sent.set(taken);
		return news;
	}

}
