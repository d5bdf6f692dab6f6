package io.storefront.gateway.catalog;

import java.util.Set;

import graphql.schema.DataFetchingEnvironment;
import org.jspecify.annotations.Nullable;

import io.storefront.gateway.kernel.Connection;
import io.storefront.gateway.kernel.Selections;

import org.springframework.data.domain.ScrollPosition;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.pagination.CursorStrategy;
import org.springframework.graphql.data.query.ScrollSubrange;
import org.springframework.stereotype.Controller;

/**
 * The catalog's queries. A listing reads only the product fields the operation selects.
 */
@Controller
class ProductController {

	private final ProductCatalog catalog;

	private final CursorStrategy<ScrollPosition> cursors;

	ProductController(ProductCatalog catalog, CursorStrategy<ScrollPosition> cursors) {
		this.catalog = catalog;
		this.cursors = cursors;
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
		Set<String> fields = Selections.fieldsAt(env, "edges", "node");
		return this.catalog.listProducts((filter != null) ? filter : ProductFilter.NONE,
				(sort != null) ? sort : ProductSort.NEWEST, first, subrange.position().orElse(null), fields, this.cursors);
	}

}
