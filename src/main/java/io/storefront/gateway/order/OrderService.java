package io.storefront.gateway.order;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import io.storefront.gateway.kernel.Ids;
import io.storefront.gateway.kernel.Pages;

import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Sort;
import org.springframework.data.domain.Window;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/**
 * Reads orders, newest first. Listings put whose orders they are into the MongoDB query itself, so no other
 * user's order is ever read.
 */
@Service
public class OrderService {

	private static final Sort NEWEST = Sort.by(Sort.Direction.DESC, "placedAt");

	private static final Set<String> KEYSET = Set.of("placedAt", "id");

	private final Orders orders;

	private final MongoOperations mongo;

	OrderService(Orders orders, MongoOperations mongo) {
		this.orders = orders;
		this.mongo = mongo;
	}

	Optional<Order> findOrder(String id) {
		return this.orders.findById(Ids.requireId("id", id));
	}

	/** Every user's orders, for staff, optionally of one status or one user. */
	Window<Order> listOrders(OrderFilter filter, @Nullable Integer first, @Nullable ScrollPosition after) {
		Criteria criteria = new Criteria();
		if (filter.status() != null) {
			criteria.and("status").is(filter.status());
		}
		if (filter.userId() != null) {
			criteria.and("userId").is(Ids.requireId("filter.userId", filter.userId()));
		}
		return page(criteria, first, after);
	}

	/** A cursor checked to belong to an order listing, or null for the first page. */
	static @Nullable ScrollPosition validAfter(@Nullable ScrollPosition after) {
		return (after != null) ? Pages.after(after, KEYSET) : null;
	}

	/** One user's orders. */
	Window<Order> listOrdersOf(String userId, @Nullable Integer first, @Nullable ScrollPosition after) {
		return page(Criteria.where("userId").is(userId), first, after);
	}

	/**
	 * A window over orders read newest first, one more than the page size to know whether a next page exists;
	 * the positions are the same keyset positions a scroll query produces.
	 */
	static Window<Order> window(List<Order> readOneMore, int size) {
		List<Order> page = readOneMore.subList(0, Math.min(size, readOneMore.size()));
		return Window.from(page, (index) -> ScrollPosition.forward(
				Map.of("placedAt", page.get(index).placedAt(), "id", page.get(index).id())), readOneMore.size() > size);
	}

	private Window<Order> page(Criteria criteria, @Nullable Integer first, @Nullable ScrollPosition after) {
		int size = Pages.size(first);
		Query query = new Query(criteria).with(NEWEST).with(Pages.after(after, KEYSET)).limit(size);
		return this.mongo.scroll(query, Order.class);
	}

}
