package io.storefront.gateway.security;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationFieldFetchParameters;
import graphql.schema.DataFetcher;
import graphql.schema.GraphQLSchema;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.graphql.execution.GraphQlSource;
import org.springframework.stereotype.Component;

/**
 * The one security interceptor: wraps the data fetcher of every field a schema rule guards, at the moment
 * graphql-java is about to call it, so the rule is judged however the field was reached (alias, fragment,
 * variable, any nesting path). Unguarded fields pass through untouched. At start-up it reads the rule book
 * from the schema, which refuses a root field without a rule, naming it.
 */
@Component
class AuthorizationInstrumentation extends SimplePerformantInstrumentation implements SmartInitializingSingleton {

	private final ObjectProvider<GraphQlSource> graphQlSource;

	private final boolean explainDenials;

	private final Map<String, OwnerLookup> ownerLookups;

	private volatile @Nullable RuleBook rules;

	AuthorizationInstrumentation(ObjectProvider<GraphQlSource> graphQlSource, SecurityProperties properties,
			List<OwnerLookup> ownerLookups) {
		this.graphQlSource = graphQlSource;
		this.explainDenials = properties.explainDenials();
		this.ownerLookups = ownerLookups.stream().collect(Collectors.toMap(OwnerLookup::typeName, Function.identity()));
	}

	@Override
	public void afterSingletonsInstantiated() {
		this.graphQlSource.ifAvailable((source) -> this.rules = RuleBook.of(source.schema()));
	}

	@Override
	public DataFetcher<?> instrumentDataFetcher(DataFetcher<?> dataFetcher, InstrumentationFieldFetchParameters parameters,
			InstrumentationState state) {
		RuleBook.Guard guard = rulesFor(parameters.getExecutionContext().getGraphQLSchema())
			.guard(parameters.getExecutionStepInfo().getObjectType().getName(), parameters.getField().getName());
		return (guard != null)
				? new GuardedDataFetcher(dataFetcher, guard, this.ownerLookups.get(guard.returnType()), this.explainDenials)
				: dataFetcher;
	}

	private RuleBook rulesFor(GraphQLSchema schema) {
		RuleBook current = this.rules;
		if (current == null || current.schema() != schema) {
			current = RuleBook.of(schema);
			this.rules = current;
		}
		return current;
	}

}
