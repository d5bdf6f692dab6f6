package io.storefront.gateway.order;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.jspecify.annotations.Nullable;

import io.storefront.gateway.cart.CartService;
import io.storefront.gateway.catalog.StockLedger;
import io.storefront.gateway.order.Checkout.State;
import io.storefront.gateway.order.Order.OrderLine;
import io.storefront.gateway.order.Order.StatusChange;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * The steps that finish or undo a checkout. Each is idempotent, so the request itself and the sweeper (on this
 * gateway or another) may both run them; the state transitions are conditional updates, so only one of them
 * ever decides a checkout's fate.
 */
@Component
class CheckoutCompletion {

	private final MongoOperations mongo;

	private final Orders orders;

	private final StockLedger stock;

	private final CartService carts;

	private final Clock clock;

	CheckoutCompletion(MongoOperations mongo, Orders orders, StockLedger stock, CartService carts, Clock clock) {
		this.mongo = mongo;
		this.orders = orders;
		this.stock = stock;
		this.carts = carts;
		this.clock = clock;
	}

	/** Moves the checkout from one state to another if it is still in the first; null when it was not. */
	@Nullable Checkout transition(Checkout checkout, State from, State to) {
		return this.mongo.findAndModify(
				Query.query(Criteria.where("id").is(checkout.id()).and("state").is(from)),
				new Update().set("state", to).set("updatedAt", now()), FindAndModifyOptions.options().returnNew(true),
				Checkout.class);
	}

	/**
	 * Writes the order (once, under the id fixed at the start), marks the checkout placed, settles its stock
	 * holds and empties the cart it came from.
	 */
	Order complete(Checkout checkout) {
		Order order = this.orders.findById(checkout.orderId()).orElseGet(() -> write(checkout));
		if (checkout.state() != State.PLACED) {
			transition(checkout, State.ORDERING, State.PLACED);
		}
		for (OrderLine line : checkout.lines()) {
			this.stock.settle(line.productId(), checkout.stockRef());
		}
		this.carts.clearAfterCheckout(checkout.userId(), checkout.cartVersion());
		this.mongo.updateFirst(Query.query(Criteria.where("id").is(checkout.id())),
				new Update().set("settledAt", now()), Checkout.class);
		return order;
	}

	/**
	 * Gives up a checkout: puts back the stock it took and forgets it, so its key can be used again. Every line
	 * is undone, taken or not: an undo without a hold does nothing.
	 */
	void abandon(Checkout checkout) {
		this.mongo.updateFirst(Query.query(Criteria.where("id").is(checkout.id()).and("state").in(State.RESERVING,
				State.ABANDONED)), new Update().set("state", State.ABANDONED).set("updatedAt", now()), Checkout.class);
		for (OrderLine line : checkout.lines()) {
			this.stock.undo(line.productId(), checkout.stockRef());
		}
		this.mongo.remove(Query.query(Criteria.where("id").is(checkout.id()).and("state").is(State.ABANDONED)),
				Checkout.class);
	}

	private Order write(Checkout checkout) {
		Instant placed = checkout.createdAt();
		Order order = new Order(checkout.orderId(), checkout.orderNumber(), checkout.userId(), checkout.lines(),
				checkout.total(), checkout.shippingAddress(), OrderStatus.PLACED,
				List.of(new StatusChange(OrderStatus.PLACED, placed, checkout.userId())), placed, null, false, null);
		try {
			return this.orders.insert(order);
		}
		catch (DuplicateKeyException ex) {
			// written meanwhile by the sweeper or the request: the same order, under the same id
			return this.orders.findById(checkout.orderId()).orElseThrow();
		}
	}

	private Instant now() {
		return this.clock.instant().truncatedTo(ChronoUnit.MILLIS);
	}

}
