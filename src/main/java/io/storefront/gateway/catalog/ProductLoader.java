package io.storefront.gateway.catalog;

import java.util.function.Function;
import java.util.stream.Collectors;

import reactor.core.publisher.Mono;

import org.springframework.graphql.execution.BatchLoaderRegistry;
import org.springframework.stereotype.Component;

/**
 * One data loader of products by id per request, named {@value #NAME}: every field that needs a product (a
 * cart line, its live line total, a cart's subtotal, an order line) asks it, so a request reads the products
 * collection once, however many fields and parents need products. Unknown ids load as null.
 */
@Component
public class ProductLoader {

	/** The data loader's name; a controller method receives it as a parameter named {@code productById}. */
	public static final String NAME = "productById";

	ProductLoader(ProductCatalog catalog, BatchLoaderRegistry registry) {
		registry.<String, Product>forName(NAME)
			.registerMappedBatchLoader((ids, env) -> Mono.just(catalog.findProducts(ids)
				.stream()
				.collect(Collectors.toMap(Product::id, Function.identity()))));
	}

}
