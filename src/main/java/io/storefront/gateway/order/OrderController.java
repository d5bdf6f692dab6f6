package io.storefront.gateway.order;

import java.util.concurrent.CompletableFuture;

import org.dataloader.DataLoader;
import org.jspecify.annotations.Nullable;

import io.storefront.gateway.account.User;
import io.storefront.gateway.catalog.Product;
import io.storefront.gateway.kernel.Connection;
import io.storefront.gateway.kernel.Pages;
import io.storefront.gateway.order.Order.OrderLine;
import io.storefront.gateway.security.Caller;
import io.storefront.gateway.security.FieldVisibility;
import io.storefront.gateway.security.OwnerScope;

import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Window;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.LocalContextValue;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.data.pagination.CursorStrategy;
import org.springframework.graphql.data.query.ScrollSubrange;
import org.springframework.stereotype.Controller;

/**
 * Orders in the graph: reading them, checking out, and moving them along their lifecycle. The customer comes from
 * the request's one user loader and the current product of each line from its one product loader, both keyed by
 * id. Who may see or change an order is declared in {@code order.graphqls}.
 */
@Controller
class OrderController {

	private final OrderService orders;

	private final CheckoutService checkouts;

	private final OrderLifecycle lifecycle;

	private final CursorStrategy<ScrollPosition> cursors;

	private final FieldVisibility visibility;

	OrderController(OrderService orders, CheckoutService checkouts, OrderLifecycle lifecycle,
			CursorStrategy<ScrollPosition> cursors, FieldVisibility visibility) {
		this.orders = orders;
		this.checkouts = checkouts;
		this.lifecycle = lifecycle;
		this.cursors = cursors;
		this.visibility = visibility;
	}

	@QueryMapping
	@Nullable Order order(@Argument String id, @ContextValue Caller caller) {
		return this.orders.findOrder(id, this.visibility.hiddenFrom(caller, "Order")).orElse(null);
	}

	@QueryMapping
	Connection<Order> orders(@Argument @Nullable Integer first, ScrollSubrange subrange,
			@Argument @Nullable OrderFilter filter) {
		return Connection.of(this.orders.listOrders((filter != null) ? filter : OrderFilter.NONE, first,
				subrange.position().orElse(null)), this.cursors);
	}

	@SchemaMapping(typeName = "User")
	CompletableFuture<Connection<Order>> orders(User user, @Argument @Nullable Integer first, ScrollSubrange subrange,
			DataLoader<OrdersOfUsers.Page, Window<Order>> ordersOfUser) {
		return ordersOfUser.load(new OrdersOfUsers.Page(user.id(), Pages.size(first),
				OrderService.validAfter(subrange.position().orElse(null))))
			.thenApply((window) -> Connection.of(window, this.cursors));
	}

	@MutationMapping
	Order checkout(@Argument CheckoutInput input, @ContextValue Caller caller) {
		return this.checkouts.checkout(caller.requireUserId(), input);
	}

	@MutationMapping
	Order cancelOrder(@Argument String id, @LocalContextValue OwnerScope ownerScope, @ContextValue Caller caller) {
		return this.lifecycle.cancel(id, ownerScope, caller.requireUserId());
	}

	@MutationMapping
	Order setOrderStatus(@Argument String id, @Argument OrderStatus status, @ContextValue Caller caller) {
		return this.lifecycle.setStatus(id, status, caller.requireUserId());
	}

	@SchemaMapping(typeName = "Order")
	CompletableFuture<User> customer(Order order, DataLoader<String, User> userById) {
		return userById.load(order.userId());
	}

	@SchemaMapping(typeName = "OrderItem")
	CompletableFuture<Product> product(OrderLine line, DataLoader<String, Product> productById) {
		return productById.load(line.productId());
	}

}
