package io.storefront.gateway.graphql;

import java.util.List;

import graphql.ExecutionResult;
import graphql.execution.ExecutionContext;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimpleInstrumentationContext;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.execution.instrumentation.parameters.InstrumentationFieldFetchParameters;
import graphql.schema.DataFetcher;
import org.jspecify.annotations.Nullable;

import io.storefront.gateway.kernel.ErrorCode;
import io.storefront.gateway.kernel.StorefrontException;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Measures each operation once it is valid and before any field is fetched: depth, aliases, root fields, and
 * cost. Over a limit, the whole operation is refused with {@link ErrorCode#QUERY_TOO_COMPLEX}; no resolver
 * runs. The measure is {@link QueryMeasure}'s, the same the operation checker reports. The operation's time is
 * bounded too ({@code timeout}).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
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
		ExecutionContext context = parameters.getExecutionContext();
		QueryMeasure measure = QueryMeasure.of(context.getGraphQLSchema(), context.getDocument(),
				context.getOperationDefinition().getName(), context.getCoercedVariables().toMap());
		context.getGraphQLContext().put(QueryMeasure.CONTEXT_KEY, measure);
		List<QueryMeasure.Excess> excesses = measure.excesses(this.limits);
		if (!excesses.isEmpty()) {
			QueryMeasure.Excess first = excesses.get(0);
			throw new QueryTooComplexException(first.limit(), first.max(),
					(int) Math.min(Integer.MAX_VALUE, first.measured()));
		}
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

}
