package io.storefront.gateway.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import graphql.GraphQLContext;
import graphql.GraphQLError;
import graphql.language.Document;
import graphql.schema.GraphQLSchema;
import org.jspecify.annotations.Nullable;

import io.storefront.gateway.graphql.GraphQlErrors;
import io.storefront.gateway.graphql.OperationGate;
import io.storefront.gateway.kernel.ErrorCode;

import org.springframework.stereotype.Component;

/**
 * The {@code reject} mode of authorization: an operation that selects any field the caller may not see is
 * refused whole, before anything runs or is read, with one error per denied field (its path, its code and its
 * rule). What the caller's sign-in and roles decide is decided here; a rule only an object's owner passes is
 * still judged on the object, as in {@code filter} mode. In {@code filter} mode this lets everything through.
 */
@Component
class RejectingGate implements OperationGate {

	private final SecurityProperties.Authorization.Mode mode;

	private final boolean explainDenials;

	private final AuthorizationWiring wiring;

	RejectingGate(SecurityProperties properties, AuthorizationWiring wiring) {
		this.mode = properties.authorization().mode();
		this.explainDenials = properties.explainDenials();
		this.wiring = wiring;
	}

	@Override
	public List<GraphQLError> refusals(GraphQLSchema schema, Document document, @Nullable String operationName,
			Map<String, Object> variables, GraphQLContext context) {
		if (this.mode != SecurityProperties.Authorization.Mode.REJECT) {
			return List.of();
		}
		Caller caller = context.get(Caller.CONTEXT_KEY);
		// the rule book the schema was wired with: reading it from the schema again would cost every request
		RuleBook rules = this.wiring.rules();
		List<GraphQLError> refusals = new ArrayList<>();
		for (OperationAccess.Denial denial : OperationAccess.denialsFor((caller != null) ? caller : Caller.anonymous(),
				(rules != null) ? rules : RuleBook.of(schema), document, operationName, variables)) {
			ErrorCode code = ErrorCode.valueOf(denial.code());
			String message = GuardedDataFetcher.denied(code, denial.coordinates().startsWith("Mutation."),
					denial.coordinates()) + "; the operation was refused whole.";
			Map<String, String> details = this.explainDenials ? Map.of("rule", denial.rule()) : Map.of();
			refusals.add(GraphQlErrors.ofRequest(code, message, details).path(List.copyOf(denial.keys())).build());
		}
		return refusals;
	}

}
