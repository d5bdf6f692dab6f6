package io.storefront.gateway.order;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import graphql.GraphQLContext;
import org.bson.Document;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import io.storefront.gateway.security.Caller;
import io.storefront.gateway.security.FieldVisibility;

import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Window;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.graphql.execution.BatchLoaderRegistry;
import org.springframework.stereotype.Component;

/**
 * Loads {@code User.orders} for a whole page of users at once: every user asking for their first page of the
 * same size is answered by one aggregation ({@code $match} the users, {@code $sort} newest first, {@code $group}
 * per user, {@code $slice} the page), so a list of users with their orders reads the orders collection once.
 * A page after a cursor is rare in a nested list and is read on its own.
 */
@Component
class OrdersOfUsers {

	static final String LOADER = "ordersOfUser";

	private final OrderService orders;

	private final MongoOperations mongo;

	private final FieldVisibility visibility;

	OrdersOfUsers(OrderService orders, MongoOperations mongo, BatchLoaderRegistry registry,
			FieldVisibility visibility) {
		this.orders = orders;
		this.mongo = mongo;
		this.visibility = visibility;
		registry.<Page, Window<Order>>forName(LOADER)
			.registerMappedBatchLoader((pages, env) -> Mono.just(load(pages, hidden(env.getContext()))));
	}

	/** One user's page of orders, as a data loader key. */
	record Page(String userId, int size, @Nullable ScrollPosition after) {

	}

	private Set<String> hidden(@Nullable Object context) {
		Caller caller = (context instanceof GraphQLContext graphQl) ? graphQl.get(Caller.CONTEXT_KEY) : null;
		return this.visibility.hiddenFrom((caller != null) ? caller : Caller.anonymous(), "Order");
	}

	Map<Page, Window<Order>> load(Set<Page> pages, Set<String> hidden) {
		Map<Page, Window<Order>> windows = new HashMap<>();
		Map<Integer, List<Page>> firstPages = pages.stream()
			.filter((page) -> page.after() == null)
			.collect(Collectors.groupingBy(Page::size));
		firstPages.forEach((size, samePages) -> windows.putAll(firstPages(size, samePages, hidden)));
		pages.stream()
			.filter((page) -> page.after() != null)
			.forEach((page) -> windows.put(page,
					this.orders.listOrdersOf(page.userId(), page.size(), page.after(), hidden)));
		return windows;
	}

	private Map<Page, Window<Order>> firstPages(int size, List<Page> pages, Set<String> hidden) {
		List<String> userIds = pages.stream().map(Page::userId).distinct().toList();
		if (userIds.size() == 1) {
			// one user (as in `me { orders }`): a plain indexed find reads no more than the page
			return Map.of(pages.get(0), this.orders.listOrdersOf(userIds.get(0), size, null, hidden));
		}
		List<Document> pipeline = new ArrayList<>();
		pipeline.add(new Document("$match", new Document("userId", new Document("$in", userIds))));
		Set<String> leftOut = OrderService.leftOut(hidden);
		if (!leftOut.isEmpty()) {
			Document exclusion = new Document();
			leftOut.forEach((field) -> exclusion.append(field, 0));
			pipeline.add(new Document("$project", exclusion));
		}
		pipeline.addAll(List.of(
				new Document("$sort", new Document("userId", 1).append("placedAt", -1).append("_id", 1)),
				new Document("$group", new Document("_id", "$userId").append("orders", new Document("$push", "$$ROOT"))),
				new Document("$project", new Document("orders", new Document("$slice", List.of("$orders", size + 1))))));
		Map<String, List<Order>> byUser = new HashMap<>();
		for (Document group : this.mongo.getCollection(this.mongo.getCollectionName(Order.class)).aggregate(pipeline)) {
			List<Order> orders = new ArrayList<>();
			for (Document order : group.getList("orders", Document.class)) {
				orders.add(this.mongo.getConverter().read(Order.class, order));
			}
			byUser.put(group.getString("_id"), orders);
		}
		Map<Page, Window<Order>> windows = new HashMap<>();
		for (Page page : pages) {
			windows.put(page, OrderService.window(byUser.getOrDefault(page.userId(), List.of()), size));
		}
		return windows;
	}

}
