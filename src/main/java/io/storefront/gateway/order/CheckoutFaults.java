package io.storefront.gateway.order;

/**
 * Where a checkout can be made to fail as if the process died there, to prove that what it leaves behind is
 * repaired. Production has none; a test provides one.
 */
interface CheckoutFaults {

	CheckoutFaults NONE = new CheckoutFaults() {
	};

	/** After the stock of line {@code index} (0-based) was taken. */
	default void afterStockTaken(int index) {
	}

	/** After the checkout moved to ORDERING, before its order is written. */
	default void beforeOrderWritten() {
	}

}
