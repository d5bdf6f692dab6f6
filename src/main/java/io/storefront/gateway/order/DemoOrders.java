package io.storefront.gateway.order;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;
import java.util.List;

import io.storefront.gateway.catalog.Money;
import io.storefront.gateway.store.DemoData;

import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * In the dev profile only: one order of the demo customer Carol, with a note for staff, so that GraphiQL's
 * "view as" has an object whose owner, other customers and staff each see something else. Tests and other
 * profiles start without orders.
 */
@Component
@Profile("dev")
class DemoOrders implements DemoData {

	/** The demo order, named by GraphiQL's view-as example. */
	static final String ORDER_ID = "65d000000000000000000001";

	// the demo account Carol Customer, a CUSTOMER (account.DemoAccounts)
	private static final String CAROL = "64a000000000000000000003";

	// the demo catalog's first product, Espresso Beans at 4.99 (catalog.DemoCatalog)
	private static final String ESPRESSO = "695b7d900000000000000001";

	private final Orders orders;

	DemoOrders(Orders orders) {
		this.orders = orders;
	}

	@Override
	public String name() {
		return "orders";
	}

	@Override
	public boolean isEmpty() {
		return this.orders.count() == 0;
	}

	@Override
	public int load() {
		Currency usd = Currency.getInstance("USD");
		Money price = new Money(new BigDecimal("4.99"), usd);
		Instant placed = Instant.parse("2026-02-01T10:00:00Z");
		this.orders.save(new Order(ORDER_ID, "SF-DEMO-000001", CAROL,
				List.of(new Order.OrderLine(ESPRESSO, "COF-001", "Espresso Beans", price, 2)),
				new Money(new BigDecimal("9.98"), usd),
				new Order.Address("Carol Customer", "1 Main St", null, "Springfield", "12345", "US"), OrderStatus.PLACED,
				List.of(new Order.StatusChange(OrderStatus.PLACED, placed, CAROL)), placed,
				"Gift wrap, please (staff only)", false, null));
		return 1;
	}

}
