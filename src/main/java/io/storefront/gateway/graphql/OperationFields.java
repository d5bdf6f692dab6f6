package io.storefront.gateway.graphql;

import java.util.Map;
import java.util.function.Consumer;

import graphql.analysis.QueryTraverser;
import graphql.analysis.QueryVisitorFieldEnvironment;
import graphql.analysis.QueryVisitorStub;
import graphql.execution.CoercedVariables;
import graphql.language.Document;
import graphql.schema.GraphQLSchema;
import org.jspecify.annotations.Nullable;

/**
 * Visits every field one operation selects, fragments expanded, parents before children: the one walk behind the
 * limits, the field usage, and the operation checker. A field written twice where execution merges the two (the
 * same response key) is visited twice, so what is measured here is never less than what runs.
 */
public final class OperationFields {

	private OperationFields() {
	}

	public static void visit(GraphQLSchema schema, Document document, @Nullable String operationName,
			Map<String, Object> variables, Consumer<QueryVisitorFieldEnvironment> visitor) {
		QueryTraverser.newQueryTraverser()
			.schema(schema)
			.document(document)
			.operationName(operationName)
			.coercedVariables(CoercedVariables.of(variables))
			.build()
			.visitPreOrder(new QueryVisitorStub() {

				@Override
				public void visitField(QueryVisitorFieldEnvironment env) {
					visitor.accept(env);
				}

			});
	}

}
