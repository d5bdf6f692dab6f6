package io.storefront.gateway.graphql;

import java.util.List;

import graphql.schema.GraphQLSchema;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.graphql.autoconfigure.GraphQlSourceBuilderCustomizer;
import org.springframework.graphql.execution.GraphQlSource;
import org.springframework.stereotype.Component;

/**
 * The one factory of the executable schema: built as {@code schema/} writes it ({@link SchemaAsWritten}), then
 * finished by every {@link SchemaStep}, such as the wiring of the authorization rules.
 */
@Component
class SchemaAssembly implements GraphQlSourceBuilderCustomizer {

	private final List<SchemaStep> steps;

	SchemaAssembly(ObjectProvider<SchemaStep> steps) {
		this.steps = steps.orderedStream().toList();
	}

	@Override
	public void customize(GraphQlSource.SchemaResourceBuilder builder) {
		builder.schemaFactory((registry, wiring) -> {
			GraphQLSchema schema = SchemaAsWritten.executable(registry, wiring);
			for (SchemaStep step : this.steps) {
				schema = step.apply(schema);
			}
			return schema;
		});
	}

}
