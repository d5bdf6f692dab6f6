package io.storefront.gateway.catalog;

import io.storefront.gateway.catalog.ProductInputs.CreateProductInput;
import io.storefront.gateway.catalog.ProductInputs.UpdateProductInput;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.stereotype.Controller;

/**
 * The catalog mutations. That only ADMIN may run them is declared in {@code product.graphqls}.
 */
@Controller
class ProductAdminController {

	private final CatalogAdministration administration;

	ProductAdminController(CatalogAdministration administration) {
		this.administration = administration;
	}

	@MutationMapping
	Product createProduct(@Argument CreateProductInput input) {
		return this.administration.create(input);
	}

	@MutationMapping
	Product updateProduct(@Argument String id, @Argument UpdateProductInput input) {
		return this.administration.update(id, input);
	}

	@MutationMapping
	Product archiveProduct(@Argument String id) {
		return this.administration.archive(id);
	}

	@MutationMapping
	Product adjustStock(@Argument String productId, @Argument int delta) {
		return this.administration.adjustStock(productId, delta);
	}

}
