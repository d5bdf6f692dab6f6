package io.storefront.gateway.order;

/**
 * Where an order is: PLACED → PAID → SHIPPED → DELIVERED, or CANCELLED from PLACED or PAID.
 */
public enum OrderStatus {

	PLACED, PAID, SHIPPED, DELIVERED, CANCELLED

}
