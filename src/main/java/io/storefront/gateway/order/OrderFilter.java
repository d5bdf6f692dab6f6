package io.storefront.gateway.order;

import org.jspecify.annotations.Nullable;

/**
 * The {@code OrderFilter} input of the staff listing.
 */
record OrderFilter(@Nullable OrderStatus status, @Nullable String userId) {

	static final OrderFilter NONE = new OrderFilter(null, null);

}
