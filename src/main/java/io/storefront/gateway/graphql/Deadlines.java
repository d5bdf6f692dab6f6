package io.storefront.gateway.graphql;

import graphql.schema.DataFetcher;
import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLCodeRegistry;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLSchemaElement;
import graphql.schema.GraphQLTypeVisitorStub;
import graphql.util.TraversalControl;
import graphql.util.TraverserContext;

import io.storefront.gateway.kernel.ErrorCode;
import io.storefront.gateway.kernel.StorefrontException;

/**
 * Bounds how long one operation may read: past its deadline ({@code storefront.graphql.limits.timeout}), a field
 * whose data fetcher would do I/O fails with {@code TIMEOUT} instead of reading anything, and what was fetched
 * before is still returned. Wired once per field when the schema is built; a field that only reads a property
 * is left as it is.
 */
final class Deadlines extends GraphQLTypeVisitorStub {

	private final long timeoutSeconds;

	Deadlines(GatewayProperties.Limits limits) {
		this.timeoutSeconds = limits.timeout().toSeconds();
	}

	@Override
	public TraversalControl visitGraphQLFieldDefinition(GraphQLFieldDefinition field,
			TraverserContext<GraphQLSchemaElement> context) {
		GraphQLCodeRegistry.Builder registry = context.getVarFromParents(GraphQLCodeRegistry.Builder.class);
		FieldCoordinates coordinates = FieldCoordinates.coordinates((GraphQLFieldsContainer) context.getParentNode(), field);
		DataFetcher<?> fetcher = registry.getDataFetcher(coordinates, field);
		if (!DataFetchers.isTrivial(fetcher)) {
			registry.dataFetcher(coordinates, DataFetchers.wrap(fetcher, (env) -> {
				Long deadline = env.getGraphQlContext().get(OperationDocuments.DEADLINE);
				if (deadline != null && System.nanoTime() > deadline) {
					throw new StorefrontException(ErrorCode.TIMEOUT,
							"The operation ran longer than " + this.timeoutSeconds + " s and was stopped.", null);
				}
				return fetcher.get(env);
			}));
		}
		return TraversalControl.CONTINUE;
	}

}
