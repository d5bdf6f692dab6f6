package io.storefront.gateway.graphql;

import graphql.GraphQLContext;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimpleInstrumentationContext;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import graphql.language.Document;
import graphql.parser.exceptions.ParseCancelledException;
import graphql.parser.exceptions.ParseCancelledTooDeepException;
import graphql.parser.exceptions.ParseCancelledTooManyCharsException;
import org.jspecify.annotations.Nullable;

/**
 * Notes when graphql-java's parser gave up on a document for being over its limits, which its syntax error does
 * not say, so that the document is refused as {@code QUERY_TOO_COMPLEX} and not as a typo. The gateway's only
 * instrumentation: it has nothing to do per field, and graphql-java spares the per-field work of a single one.
 */
final class ParseCancellations extends SimplePerformantInstrumentation {

	private static final String CANCELLED = ParseCancellations.class.getName();

	@Override
	public @Nullable InstrumentationContext<Document> beginParse(InstrumentationExecutionParameters parameters,
			InstrumentationState state) {
		GraphQLContext context = parameters.getExecutionInput().getGraphQLContext();
		return SimpleInstrumentationContext.whenCompleted((document, failure) -> {
			if (failure instanceof ParseCancelledException || failure instanceof ParseCancelledTooDeepException
					|| failure instanceof ParseCancelledTooManyCharsException) {
				context.put(CANCELLED, true);
			}
		});
	}

	static boolean cancelled(GraphQLContext context) {
		return Boolean.TRUE.equals(context.get(CANCELLED));
	}

}
