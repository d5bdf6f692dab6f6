package io.storefront.gateway.catalog;

import org.jspecify.annotations.Nullable;

import org.springframework.data.domain.Window;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.query.ScrollSubrange;
import org.springframework.stereotype.Controller;

/**
 * The catalog's queries. The returned {@link Window} becomes a Relay connection through Spring for GraphQL's
 * connection adapter.
 */
@Controller
class ProductController {

	private final ProductCatalog catalog;

	ProductController(ProductCatalog catalog) {
		this.catalog = catalog;
	}

	@QueryMapping
	@Nullable Product product(@Argument String id) {
		return this.catalog.findProduct(id).orElse(null);
	}

	@QueryMapping
	Window<Product> products(@Argument @Nullable Integer first, ScrollSubrange subrange,
			@Argument @Nullable ProductFilter filter, @Argument @Nullable ProductSort sort) {
		// An explicit null replaces the schema's defaults, so they apply here too. The subrange is read only for
		// its decoded position: it silently drops a negative count, which must be refused instead.
		return this.catalog.listProducts((filter != null) ? filter : ProductFilter.NONE,
				(sort != null) ? sort : ProductSort.NEWEST, first, subrange.position().orElse(null));
	}

}
