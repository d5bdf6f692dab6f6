package io.storefront.gateway.catalog;

import java.util.Collections;
import java.util.HashSet;
import java.util.Set;

import graphql.schema.DataFetchingEnvironment;
import org.jspecify.annotations.Nullable;

import io.storefront.gateway.kernel.Connection;
import io.storefront.gateway.kernel.Selections;
import io.storefront.gateway.security.Caller;
import io.storefront.gateway.security.FieldVisibility;

import org.springframework.data.domain.ScrollPosition;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.pagination.CursorStrategy;
import org.springframework.graphql.data.query.ScrollSubrange;
import org.springframework.stereotype.Controller;

/**
 * The catalog's queries. A listing reads only the product fields the operation selects and the caller may see:
 * a field the rules hide from the caller's roles (an anonymous caller's {@code stock}, anyone but an admin's
 * {@code cost}) is not read from the store, since it would be answered with null anyway.
 */
@Controller
class ProductController {

	private final ProductCatalog catalog;

	private final CursorStrategy<ScrollPosition> cursors;

	private final FieldVisibility visibility;

	ProductController(ProductCatalog catalog, CursorStrategy<ScrollPosition> cursors, FieldVisibility visibility) {
		this.catalog = catalog;
		this.cursors = cursors;
		this.visibility = visibility;
	}

	@QueryMapping
	@Nullable Product product(@Argument String id) {
		return this.catalog.findProduct(id).orElse(null);
	}

	@QueryMapping
	Connection<Product> products(@Argument @Nullable Integer first, ScrollSubrange subrange,
			@Argument @Nullable ProductFilter filter, @Argument @Nullable ProductSort sort,
			DataFetchingEnvironment env) {
		// An explicit null replaces the schema's defaults, so they apply here too. The subrange is read only for
		// its decoded position: it silently drops a negative count, which must be refused instead.
		Set<String> fields = readable(Selections.fieldsAt(env, "edges", "node"),
				env.getGraphQlContext().get(Caller.CONTEXT_KEY));
		return this.catalog.listProducts((filter != null) ? filter : ProductFilter.NONE,
				(sort != null) ? sort : ProductSort.NEWEST, first, subrange.position().orElse(null), fields, this.cursors);
	}

	private Set<String> readable(Set<String> selected, @Nullable Caller caller) {
		Set<String> hidden = this.visibility.hiddenFrom((caller != null) ? caller : Caller.anonymous(), "Product");
		if (hidden.isEmpty() || Collections.disjoint(selected, hidden)) {
			return selected;
		}
		Set<String> readable = new HashSet<>(selected);
		readable.removeAll(hidden);
		return readable;
	}

}
