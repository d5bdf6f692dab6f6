package io.storefront.gateway.graphql;

import java.util.stream.Collectors;

import graphql.ExecutionResult;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimpleInstrumentationContext;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.language.Field;
import graphql.language.OperationDefinition;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * Names the operation that runs, for the request log, from the document itself: its name, or for an anonymous
 * operation its type and root fields ({@code query{products}}), whether or not the request said which
 * operation to run.
 */
@Component
class OperationNames extends SimplePerformantInstrumentation {

	/** Where the running operation's name is kept in its GraphQL context. */
	static final String CONTEXT_KEY = OperationNames.class.getName();

	@Override
	public @Nullable InstrumentationContext<ExecutionResult> beginExecuteOperation(
			InstrumentationExecuteOperationParameters parameters, InstrumentationState state) {
		OperationDefinition operation = parameters.getExecutionContext().getOperationDefinition();
		parameters.getExecutionContext().getGraphQLContext().put(CONTEXT_KEY, describe(operation));
		return SimpleInstrumentationContext.noOp();
	}

	static String describe(OperationDefinition operation) {
		if (operation.getName() != null) {
			return operation.getName();
		}
		return operation.getOperation().name().toLowerCase(java.util.Locale.ROOT) + operation.getSelectionSet()
			.getSelectionsOfType(Field.class)
			.stream()
			.map(Field::getName)
			.collect(Collectors.joining(",", "{", "}"));
	}

}
