package io.storefront.gateway.order;

import java.util.Optional;

import io.storefront.gateway.kernel.Ids;
import io.storefront.gateway.security.Owned;
import io.storefront.gateway.security.OwnerLookup;

import org.springframework.stereotype.Component;

/**
 * Tells the authorization interceptor whose order a mutation such as {@code cancelOrder(id)} is about.
 */
@Component
class OrderOwners implements OwnerLookup {

	private final Orders orders;

	OrderOwners(Orders orders) {
		this.orders = orders;
	}

	@Override
	public String typeName() {
		return "Order";
	}

	@Override
	public Optional<? extends Owned> findOwned(String id) {
		return this.orders.findById(Ids.requireId("id", id));
	}

}
