package io.storefront.gateway.order;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.storefront.gateway.order.Checkout.State;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Finishes what a dying process left half-done: at start-up, and every {@code storefront.checkout.sweep-interval}
 * on every gateway. A checkout still reserving is undone (stock back, record gone); one that got as far as
 * ordering is completed (order written, holds settled, cart emptied); a cancelled order whose stock is not back
 * yet gets it back. Several gateways sweeping at once is safe: every step is conditional or idempotent.
 */
@Component
class OrderRecovery implements ApplicationRunner {

	private static final Logger logger = LoggerFactory.getLogger(OrderRecovery.class);

	private final Checkouts checkouts;

	private final CheckoutCompletion completion;

	private final OrderLifecycle lifecycle;

	private final MongoOperations mongo;

	private final CheckoutProperties properties;

	private final Clock clock;

	OrderRecovery(Checkouts checkouts, CheckoutCompletion completion, OrderLifecycle lifecycle, MongoOperations mongo,
			CheckoutProperties properties, Clock clock) {
		this.checkouts = checkouts;
		this.completion = completion;
		this.lifecycle = lifecycle;
		this.mongo = mongo;
		this.properties = properties;
		this.clock = clock;
	}

	@Override
	public void run(ApplicationArguments args) {
		sweep();
	}

	@Scheduled(fixedDelayString = "${storefront.checkout.sweep-interval:30s}",
			initialDelayString = "${storefront.checkout.sweep-interval:30s}")
	void sweep() {
		if (this.properties.sweeperEnabled()) {
			sweep(this.properties.staleAfter());
		}
	}

	/** Repairs everything left unfinished for longer than the given time; returns how many. */
	int sweep(Duration staleAfter) {
		Instant before = this.clock.instant().minus(staleAfter);
		int repaired = 0;
		List<Checkout> unfinished = this.checkouts
			.findByStateInAndUpdatedAtBefore(List.of(State.RESERVING, State.ORDERING, State.ABANDONED), before);
		for (Checkout checkout : unfinished) {
			repaired += repair(checkout) ? 1 : 0;
		}
		for (Checkout placed : this.checkouts.findByStateAndSettledAtIsNullAndUpdatedAtBefore(State.PLACED, before)) {
			this.completion.complete(placed);
			repaired++;
		}
		for (Order cancelled : this.mongo.find(Query.query(Criteria.where("status").is(OrderStatus.CANCELLED)
			.and("restocked").is(false)), Order.class)) {
			if (cancelled.statusHistory().get(cancelled.statusHistory().size() - 1).at().isBefore(before)) {
				this.lifecycle.restock(cancelled);
				repaired++;
			}
		}
		if (repaired > 0) {
			logger.warn("Repaired {} checkouts or cancellations left unfinished by a failure", repaired);
		}
		return repaired;
	}

	private boolean repair(Checkout checkout) {
		switch (checkout.state()) {
			case RESERVING -> {
				if (this.completion.transition(checkout, State.RESERVING, State.ABANDONED) != null) {
					this.completion.abandon(checkout);
					return true;
				}
				return false;
			}
			case ABANDONED -> {
				this.completion.abandon(checkout);
				return true;
			}
			case ORDERING -> {
				this.completion.complete(checkout);
				return true;
			}
			default -> {
				return false;
			}
		}
	}

}
