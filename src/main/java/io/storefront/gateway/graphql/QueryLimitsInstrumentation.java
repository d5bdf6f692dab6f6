package io.storefront.gateway.graphql;

import java.util.IdentityHashMap;
import java.util.Map;

import graphql.ExecutionResult;
import graphql.analysis.QueryTraverser;
import graphql.analysis.QueryVisitorFieldEnvironment;
import graphql.analysis.QueryVisitorStub;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimpleInstrumentationContext;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.ExecutionContext;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.execution.instrumentation.parameters.InstrumentationFieldFetchParameters;
import graphql.schema.DataFetcher;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLTypeUtil;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * Measures each operation once it is valid and before any field is fetched: depth, aliases, root fields, and
 * cost. Over a limit, the whole operation is refused with {@link ErrorCode#QUERY_TOO_COMPLEX}; no resolver
 * runs. Fields are measured as execution will see them: fragments expanded, and fields that merge (the same
 * response key) counted once, just as they are fetched once. The operation's time is bounded too
 * ({@code timeout}).
 */
@Component
class QueryLimitsInstrumentation extends SimplePerformantInstrumentation {

	private static final String DEADLINE = QueryLimitsInstrumentation.class.getName() + ".deadline";

	private final GatewayProperties.Limits limits;

	QueryLimitsInstrumentation(GatewayProperties properties) {
		this.limits = properties.limits();
	}

	@Override
	public @Nullable InstrumentationContext<ExecutionResult> beginExecuteOperation(
			InstrumentationExecuteOperationParameters parameters, InstrumentationState state) {
		parameters.getExecutionContext().getGraphQLContext().put(DEADLINE,
				System.nanoTime() + this.limits.timeout().toNanos());
		Measure measure = measure(parameters.getExecutionContext());
		check("depth", this.limits.maxDepth(), measure.depth);
		check("aliases", this.limits.maxAliases(), measure.aliases);
		check("rootFields", this.limits.maxRootFields(), measure.rootFields);
		check("cost", this.limits.maxCost(), (int) Math.min(Integer.MAX_VALUE, measure.cost));
		return SimpleInstrumentationContext.noOp();
	}

	/**
	 * Past the operation's deadline, fields not yet fetched fail with {@link ErrorCode#TIMEOUT} instead of
	 * reading anything; what was fetched before is still returned.
	 */
	@Override
	public DataFetcher<?> instrumentDataFetcher(DataFetcher<?> dataFetcher, InstrumentationFieldFetchParameters parameters,
			InstrumentationState state) {
		Long deadline = parameters.getExecutionContext().getGraphQLContext().get(DEADLINE);
		if (deadline == null || System.nanoTime() < deadline) {
			return dataFetcher;
		}
		return (env) -> {
			throw new StorefrontException(ErrorCode.TIMEOUT,
					"The operation ran longer than " + this.limits.timeout().toSeconds() + " s and was stopped.", null);
		};
	}

	private static void check(String limit, int max, int measured) {
		if (measured > max) {
			throw new QueryTooComplexException(limit, max, measured);
		}
	}

	private static Measure measure(ExecutionContext context) {
		Measure measure = new Measure();
		Map<QueryVisitorFieldEnvironment, Long> multipliers = new IdentityHashMap<>();
		QueryTraverser.newQueryTraverser()
			.schema(context.getGraphQLSchema())
			.document(context.getDocument())
			.operationName(context.getOperationDefinition().getName())
			.coercedVariables(context.getCoercedVariables())
			.build()
			.visitPreOrder(new QueryVisitorStub() {

				@Override
				public void visitField(QueryVisitorFieldEnvironment env) {
					QueryVisitorFieldEnvironment parent = env.getParentEnvironment();
					int depth = 1;
					for (QueryVisitorFieldEnvironment at = parent; at != null; at = at.getParentEnvironment()) {
						depth++;
					}
					long inherited = (parent != null) ? multipliers.getOrDefault(parent, 1L) : 1L;
					long multiplier = Math.min(1_000_000_000L, inherited * pageSize(env));
					multipliers.put(env, multiplier);
					measure.depth = Math.max(measure.depth, depth);
					measure.cost += inherited;
					if (env.getField().getAlias() != null) {
						measure.aliases++;
					}
					if (parent == null) {
						measure.rootFields++;
					}
				}

			});
		return measure;
	}

	/**
	 * How many items a field's value holds at most: its {@code first} for a connection, the default page size
	 * for another list, 1 for the edges of a connection (counted by the connection) and for single values.
	 */
	private static long pageSize(QueryVisitorFieldEnvironment env) {
		if (env.isTypeNameIntrospectionField()) {
			return 1;
		}
		Object first = env.getArguments().get("first");
		if (first instanceof Number number) {
			// what can come back: a larger first is refused by the listing itself, with its own error
			return Math.max(1, Math.min(Pages.MAX_SIZE, number.longValue()));
		}
		String typeName = ((GraphQLNamedType) GraphQLTypeUtil.unwrapAll(env.getFieldDefinition().getType())).getName();
		if (typeName.endsWith("Connection")) {
			return Pages.DEFAULT_SIZE;
		}
		if (GraphQLTypeUtil.isList(GraphQLTypeUtil.unwrapNonNull(env.getFieldDefinition().getType()))
				&& !env.getField().getName().equals("edges")) {
			return Pages.DEFAULT_SIZE;
		}
		return 1;
	}

	private static final class Measure {

		int depth;

		int aliases;

		int rootFields;

		long cost;

	}

}
