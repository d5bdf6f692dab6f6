package io.storefront.gateway.account;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import io.storefront.gateway.kernel.ClientAddress;
import io.storefront.gateway.kernel.ErrorCode;
import io.storefront.gateway.kernel.StorefrontException;
import io.storefront.gateway.security.SecurityProperties;

import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * The slow password hash, rationed in turns: at most {@code max-concurrent} log-ins or sign-ups hold a turn at
 * once (a turn covers the attempt's few store reads and its hash), at most {@code max-waiting} requests wait (up
 * to {@code max-wait}) for one, and one client address holds at most {@code max-per-address} of these. Anything beyond is refused at once with {@code TOO_MANY_REQUESTS}, so a flood
 * of log-ins costs a bounded share of the CPU, the catalog keeps its latency, and a flood from one place leaves
 * turns for everyone else. The limits are this process's own: they ration its CPU, and decide nothing else.
 * Metrics: {@code storefront.password.hashes.active} and {@code storefront.password.hashes.refused}.
 */
@Component
class PasswordHashing {

	private static final long RETRY_AFTER_SECONDS = 1;

	private final PasswordEncoder encoder;

	private final Semaphore turns;

	private final AtomicInteger waiting = new AtomicInteger();

	private final AtomicInteger active = new AtomicInteger();

	private final Map<String, Integer> perAddress = new ConcurrentHashMap<>();

	private final SecurityProperties.PasswordHashing limits;

	private final Counter refused;

	PasswordHashing(PasswordEncoder encoder, SecurityProperties properties, MeterRegistry meters) {
		this.encoder = encoder;
		this.limits = properties.passwordHashing();
		this.turns = new Semaphore(this.limits.concurrency(), true);
		Gauge.builder("storefront.password.hashes.active", this.active, AtomicInteger::get)
			.description("Password hashes being computed now")
			.register(meters);
		this.refused = Counter.builder("storefront.password.hashes.refused")
			.description("Log-ins and sign-ups refused because password hashing was at its limit")
			.register(meters);
	}

	/**
	 * Waits for a turn to hash, within the limits; refuses at once, with {@code TOO_MANY_REQUESTS}, when there is
	 * none to be had. The turn is taken before anything else is done for the request, so a refusal costs nothing
	 * but this.
	 */
	Turn turn(ClientAddress client) {
		String bucket = client.bucket();
		if (this.perAddress.merge(bucket, 1, Integer::sum) > this.limits.maxPerAddress()) {
			leave(bucket);
			throw busy();
		}
		try {
			// a zero wait rather than tryAcquire(), which would jump the queue of those already waiting
			if (!this.turns.tryAcquire(0, TimeUnit.NANOSECONDS)) {
				waitForTurn();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			leave(bucket);
			throw busy();
		}
		catch (BusyException ex) {
			leave(bucket);
			throw ex;
		}
		return new Turn(bucket);
	}

	private void leave(String bucket) {
		this.perAddress.computeIfPresent(bucket, (key, count) -> (count <= 1) ? null : count - 1);
	}

	/** One turn to hash a password, held until closed. */
	final class Turn implements AutoCloseable {

		private final String bucket;

		private boolean closed;

		private Turn(String bucket) {
			this.bucket = bucket;
		}

		boolean matches(String password, String hash) {
			return hashing(() -> PasswordHashing.this.encoder.matches(password, hash));
		}

		String encode(String password) {
			return hashing(() -> PasswordHashing.this.encoder.encode(password));
		}

		private <T> T hashing(Supplier<T> hash) {
			PasswordHashing.this.active.incrementAndGet();
			try {
				return hash.get();
			}
			finally {
				PasswordHashing.this.active.decrementAndGet();
			}
		}

		@Override
		public void close() {
			if (!this.closed) {
				this.closed = true;
				PasswordHashing.this.turns.release();
				leave(this.bucket);
			}
		}

	}

	private void waitForTurn() {
		if (this.waiting.incrementAndGet() > this.limits.maxWaiting()) {
			this.waiting.decrementAndGet();
			throw busy();
		}
		try {
			if (!this.turns.tryAcquire(this.limits.maxWait().toNanos(), TimeUnit.NANOSECONDS)) {
				throw busy();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw busy();
		}
		finally {
			this.waiting.decrementAndGet();
		}
	}

	private BusyException busy() {
		this.refused.increment();
		return new BusyException();
	}

	/** No turn to hash was free: the request was refused without looking at its password. */
	static final class BusyException extends StorefrontException {

		BusyException() {
			super(ErrorCode.TOO_MANY_REQUESTS, "Too many sign-ins right now; try again in a moment.", null,
					Map.of("retryAfter", RETRY_AFTER_SECONDS));
		}

	}

}
