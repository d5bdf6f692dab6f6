package io.storefront.gateway.order;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import io.storefront.gateway.catalog.StockLedger;
import io.storefront.gateway.kernel.ErrorCode;
import io.storefront.gateway.kernel.Ids;
import io.storefront.gateway.kernel.StorefrontException;
import io.storefront.gateway.order.Order.OrderLine;
import io.storefront.gateway.order.Order.StatusChange;
import io.storefront.gateway.security.OwnerScope;
import io.storefront.gateway.store.ChangeFeed;

import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

/**
 * Where an order may go next. Each move is one conditional update on the order (it happens only from the
 * status it must come from), appended to the history with who and when; a cancellation then puts the stock
 * back exactly once through the {@link StockLedger}.
 */
@Service
class OrderLifecycle {

	/** The one status each status may be set from by {@code setOrderStatus}. */
	private static final Map<OrderStatus, OrderStatus> PREVIOUS = Map.of(OrderStatus.PAID, OrderStatus.PLACED,
			OrderStatus.SHIPPED, OrderStatus.PAID, OrderStatus.DELIVERED, OrderStatus.SHIPPED);

	private static final List<OrderStatus> CANCELLABLE = List.of(OrderStatus.PLACED, OrderStatus.PAID);

	private final MongoOperations mongo;

	private final StockLedger stock;

	private final Clock clock;

	private final ChangeFeed changes;

	OrderLifecycle(MongoOperations mongo, StockLedger stock, Clock clock, ChangeFeed changes) {
		this.mongo = mongo;
		this.stock = stock;
		this.clock = clock;
		this.changes = changes;
	}

	Order setStatus(String id, OrderStatus to, String by) {
		OrderStatus from = PREVIOUS.get(to);
		if (from == null) {
			throw new StorefrontException(ErrorCode.INVALID_TRANSITION, "An order cannot be set to " + to
					+ " this way" + ((to == OrderStatus.CANCELLED) ? "; use cancelOrder." : "."), "status");
		}
		return move(id, OwnerScope.ANY_OWNER, List.of(from), to, by, new Update());
	}

	/** Cancels the order if it is in scope: a customer's cancellation writes only where the order is theirs. */
	Order cancel(String id, OwnerScope scope, String by) {
		Order cancelled = move(id, scope, CANCELLABLE, OrderStatus.CANCELLED, by,
				new Update().set("restocked", false));
		return restock(cancelled);
	}

	/** Puts a cancelled order's stock back; safe to repeat until the order says restocked. */
	Order restock(Order cancelled) {
		for (OrderLine line : cancelled.items()) {
			this.stock.giveBack(line.productId(), line.quantity(), cancelled.restockRef());
		}
		Order restocked = this.mongo.findAndModify(Query.query(Criteria.where("id").is(cancelled.id())),
				new Update().set("restocked", true), FindAndModifyOptions.options().returnNew(true), Order.class);
		for (OrderLine line : cancelled.items()) {
			this.stock.settle(line.productId(), cancelled.restockRef());
		}
		return (restocked != null) ? restocked : cancelled;
	}

	private Order move(String id, OwnerScope scope, List<OrderStatus> from, OrderStatus to, String by,
			Update also) {
		Criteria inScope = Criteria.where("id").is(Ids.requireId("id", id));
		if (scope.ownerId() != null) {
			inScope.and("userId").is(scope.ownerId());
		}
		StatusChange change = new StatusChange(to, this.clock.instant().truncatedTo(ChronoUnit.MILLIS), by);
		Order moved = this.mongo.findAndModify(Query.query(Criteria.where("status").in(from).andOperator(inScope)),
				also.set("status", to).push("statusHistory", change).inc("version", 1),
				FindAndModifyOptions.options().returnNew(true), Order.class);
		if (moved != null) {
			this.changes.changed(Order.COLLECTION, moved.id());
			return moved;
		}
		Order order = this.mongo.findOne(Query.query(inScope), Order.class);
		if (order == null) {
			throw new StorefrontException(ErrorCode.NOT_FOUND, "No order has this id.", "id");
		}
		throw new StorefrontException(ErrorCode.INVALID_TRANSITION,
				"An order that is " + order.status() + " cannot become " + to + ".", null,
				Map.of("status", order.status().name()));
	}

}
