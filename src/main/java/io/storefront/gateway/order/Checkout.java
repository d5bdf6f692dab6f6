package io.storefront.gateway.order;

import java.time.Instant;
import java.util.List;

import io.storefront.gateway.catalog.Money;
import io.storefront.gateway.order.Order.Address;
import io.storefront.gateway.order.Order.OrderLine;
import org.jspecify.annotations.Nullable;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * The durable record of one checkout while it runs, and afterwards the memory of its idempotency key. It holds
 * everything needed to finish or undo the checkout from any point, so that a process dying half-way leaves
 * something a sweeper can complete: the order it will create (id and number fixed up front), the lines and
 * prices taken from the cart, and where it got to.
 */
@Document("checkouts")
@CompoundIndex(name = "idempotency", def = "{'userId': 1, 'idempotencyKey': 1}", unique = true)
@CompoundIndex(name = "unfinished", def = "{'state': 1, 'updatedAt': 1}")
record Checkout(@Id String id, String userId, String idempotencyKey, String orderId, String orderNumber,
		List<OrderLine> lines, Money total, Address shippingAddress, long cartVersion, State state,
		Instant createdAt, Instant updatedAt, @Nullable Instant settledAt) {

	enum State {

		/** Taking stock line by line; each line taken leaves a hold on its product. */
		RESERVING,

		/** All stock taken; the order is being written. From here on the checkout is only ever completed. */
		ORDERING,

		/** The order exists. Once its holds are settled and the cart cleared, settledAt is set. */
		PLACED,

		/** Given up (out of stock, or found stale by the sweeper while reserving): its holds are being undone. */
		ABANDONED

	}

	String stockRef() {
		return "checkout:" + this.id;
	}

}
