package io.storefront.gateway.order;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.storefront.gateway.order.Checkout.State;
import io.storefront.gateway.store.Leases;

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
 * yet gets it back. Several gateways sweep at once: each claims a stale checkout or cancellation with a lease
 * ({@link Leases}) before repairing it, and reads it again once claimed, so that two sweepers never repair the same
 * one twice; a sweeper that dies holding a lease lets it lapse, and the next sweep repairs what it left. Every step
 * is conditional or idempotent besides, so a lease that lapsed mid-repair costs a repeated step, not a wrong one.
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

	private final Leases leases;

	OrderRecovery(Checkouts checkouts, CheckoutCompletion completion, OrderLifecycle lifecycle, MongoOperations mongo,
			CheckoutProperties properties, Clock clock, Leases leases) {
		this.leases = leases;
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
			repaired += claimed("checkout:" + checkout.id(), () -> this.checkouts.findById(checkout.id())
				.filter((now) -> now.state() == checkout.state() && now.updatedAt().equals(checkout.updatedAt()))
				.map(this::repair)
				.orElse(false)) ? 1 : 0;
		}
		for (Checkout placed : this.checkouts.findByStateAndSettledAtIsNullAndUpdatedAtBefore(State.PLACED, before)) {
			repaired += claimed("checkout:" + placed.id(), () -> this.checkouts.findById(placed.id())
				.filter((now) -> now.state() == State.PLACED && now.settledAt() == null)
				.map((now) -> {
					this.completion.complete(now);
					return true;
				})
				.orElse(false)) ? 1 : 0;
		}
		for (Order cancelled : this.mongo.find(Query.query(Criteria.where("status").is(OrderStatus.CANCELLED)
			.and("restocked").is(false)), Order.class)) {
			if (cancelled.statusHistory().get(cancelled.statusHistory().size() - 1).at().isBefore(before)) {
				repaired += claimed("restock:" + cancelled.id(), () -> {
					Order now = this.mongo.findById(cancelled.id(), Order.class);
					if (now == null || now.restocked()) {
						return false;
					}
					this.lifecycle.restock(now);
					return true;
				}) ? 1 : 0;
			}
		}
		if (repaired > 0) {
			logger.warn("Repaired {} checkouts or cancellations left unfinished by a failure", repaired);
		}
		return repaired;
	}

	// another sweeper holding the lease is repairing it now: this one leaves it alone
	private boolean claimed(String name, Supplier<Boolean> repair) {
		Optional<Leases.Lease> lease = this.leases.tryAcquire(name, this.properties.staleAfter());
		if (lease.isEmpty()) {
			return false;
		}
		try {
			return repair.get();
		}
		finally {
			this.leases.release(lease.get());
		}
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
