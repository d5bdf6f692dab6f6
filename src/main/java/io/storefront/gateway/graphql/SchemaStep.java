package io.storefront.gateway.graphql;

import graphql.schema.GraphQLSchema;

/**
 * A change made once to the executable schema as it is assembled, after it is built as written and checked
 * against the controllers: wiring data fetchers the way graphql-java-extended-validation wires its directives,
 * so that nothing of it is decided again per request.
 */
@FunctionalInterface
public interface SchemaStep {

	GraphQLSchema apply(GraphQLSchema schema);

}
