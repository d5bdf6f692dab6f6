package io.storefront.gateway.order;

import java.util.Collections;
import java.util.HashSet;
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
import org.springframework.data.mongodb.core.mapping.MongoPersistentProperty;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/**
 * Reads orders, newest first. Listings put whose orders they are into the MongoDB query itself, so no other
 * user's order is ever read; and a field the rules hide from the caller (a customer's {@code internalNote}) is
 * left out of the read.
 */
@Service
public class OrderService {

	private static final Sort NEWEST = Sort.by(Sort.Direction.DESC, "placedAt");

	private static final Set<String> KEYSET = Set.of("placedAt", "id");

	// what a read may leave out when the rules hide it from the caller: nullable in Order, and needed by no rule
	private static final Set<String> LEAVABLE = Set.of("internalNote");

	private final Orders orders;

	private final MongoOperations mongo;

	OrderService(Orders orders, MongoOperations mongo) {
		this.orders = orders;
		this.mongo = mongo;
	}

	/** One order, without the fields in {@code hidden} that a read may leave out. */
	Optional<Order> findOrder(String id, Set<String> hidden) {
		if (Collections.disjoint(hidden, LEAVABLE)) {
			return this.orders.findById(Ids.requireId("id", id));
		}
		Query query = Query.query(Criteria.where("_id").is(Ids.requireId("id", id)));
		leaveOut(query, hidden);
		return Optional.ofNullable(this.mongo.findOne(query, Order.class));
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
		return page(criteria, first, after, Set.of());
	}

	/** A cursor checked to belong to an order listing, or null for the first page. */
	static @Nullable ScrollPosition validAfter(@Nullable ScrollPosition after) {
		return (after != null) ? Pages.after(after, KEYSET) : null;
	}

	/** One user's orders, without the fields in {@code hidden} that a read may leave out. */
	Window<Order> listOrdersOf(String userId, @Nullable Integer first, @Nullable ScrollPosition after,
			Set<String> hidden) {
		return page(Criteria.where("userId").is(userId), first, after, hidden);
	}

	/** The stored fields of {@code hidden} that a read of orders leaves out. */
	static Set<String> leftOut(Set<String> hidden) {
		Set<String> left = new HashSet<>(hidden);
		left.retainAll(LEAVABLE);
		return left;
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

	private Window<Order> page(Criteria criteria, @Nullable Integer first, @Nullable ScrollPosition after,
			Set<String> hidden) {
		int size = Pages.size(first);
		Query query = new Query(criteria).with(NEWEST).with(Pages.after(after, KEYSET)).limit(size);
		leaveOut(query, hidden);
		return this.mongo.scroll(query, Order.class);
	}

	// as the fields to read rather than those to skip: a keyset scroll adds its keys to the projection, and
	// MongoDB refuses a projection that both includes and excludes
	private void leaveOut(Query query, Set<String> hidden) {
		Set<String> left = leftOut(hidden);
		if (left.isEmpty()) {
			return;
		}
		for (MongoPersistentProperty property : this.mongo.getConverter()
			.getMappingContext()
			.getRequiredPersistentEntity(Order.class)) {
			if (!left.contains(property.getFieldName())) {
				query.fields().include(property.getFieldName());
			}
		}
	}

}
