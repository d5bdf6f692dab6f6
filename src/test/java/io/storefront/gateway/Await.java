package io.storefront.gateway;

import java.time.Duration;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/** Waiting in tests for something another thread does, failing with what was awaited when it does not come. */
public final class Await {

	private Await() {
	}

	/** Returns once the condition holds; fails, naming {@code what}, when it has not within this time. */
	public static void until(String what, Duration within, BooleanSupplier condition) {
		long until = System.nanoTime() + within.toNanos();
		while (!condition.getAsBoolean()) {
			assertThat(System.nanoTime()).as(what).isLessThan(until);
			try {
				Thread.sleep(10);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}
	}

}
