package io.storefront.gateway.graphql;

import java.util.List;
import java.util.Map;

import graphql.GraphQLContext;
import graphql.GraphQLError;
import graphql.language.Document;
import graphql.schema.GraphQLSchema;
import org.jspecify.annotations.Nullable;

/**
 * A decision on a whole operation before any of it runs, once its document is parsed, validated and within the
 * limits: the errors to answer with instead of executing it, or none to let it run.
 */
@FunctionalInterface
public interface OperationGate {

	List<GraphQLError> refusals(GraphQLSchema schema, Document document, @Nullable String operationName,
			Map<String, Object> variables, GraphQLContext context);

}
