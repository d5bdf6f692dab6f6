package io.storefront.gateway.order;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import io.storefront.gateway.catalog.Money;
import io.storefront.gateway.security.Owned;
import org.jspecify.annotations.Nullable;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * An order document. Its lines are a snapshot taken at checkout; the catalog may change afterwards without
 * changing what was bought or paid. {@code restocked} turns true once a cancelled order's stock is back.
 */
@Document(Order.COLLECTION)
@CompoundIndex(name = "by_user", def = "{'userId': 1, 'placedAt': -1, '_id': 1}")
@CompoundIndex(name = "by_time", def = "{'placedAt': -1, '_id': 1}")
@CompoundIndex(name = "restocking", def = "{'status': 1, 'restocked': 1}")
public record Order(@Id String id, @Indexed(unique = true) String number, String userId, List<OrderLine> items,
		Money total, Address shippingAddress, OrderStatus status, List<StatusChange> statusHistory,
		Instant placedAt, @Nullable String internalNote, boolean restocked, @Version @Nullable Long version)
		implements Owned {

	/** The collection orders are kept in. */
	public static final String COLLECTION = "orders";

	@Override
	public String ownerId() {
		return this.userId;
	}

	/** This order as it was when it took the status at this index of its history. */
	Order asOf(int status) {
		return new Order(this.id, this.number, this.userId, this.items, this.total, this.shippingAddress,
				this.statusHistory.get(status).status(), this.statusHistory.subList(0, status + 1), this.placedAt,
				this.internalNote, this.restocked, this.version);
	}

	/** The reference under which a cancellation gives this order's stock back. */
	String restockRef() {
		return "cancel:" + this.id;
	}

	/** One line as bought: the product's sku, name and price at that moment. */
	public record OrderLine(String productId, String sku, String name, Money unitPrice, int quantity) {

		public Money lineTotal() {
			return new Money(this.unitPrice.amount().multiply(BigDecimal.valueOf(this.quantity)),
					this.unitPrice.currency());
		}

	}

	/** Where the order goes; the country is an ISO 3166-1 alpha-2 code. */
	public record Address(String name, String line1, @Nullable String line2, String city, String postalCode,
			String country) {

	}

	/** A status the order took, when, and by whom (null for the system). */
	public record StatusChange(OrderStatus status, Instant at, @Nullable String by) {

	}

}
