package io.storefront.gateway.contract;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import graphql.GraphQLError;
import graphql.ParseAndValidate;
import graphql.language.Document;
import graphql.language.OperationDefinition;
import graphql.language.SourceLocation;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import org.jspecify.annotations.Nullable;

import io.storefront.gateway.graphql.GatewayProperties;
import io.storefront.gateway.graphql.OperationFields;
import io.storefront.gateway.graphql.QueryMeasure;
import io.storefront.gateway.graphql.SchemaAsWritten;
import io.storefront.gateway.graphql.StorefrontScalars;
import io.storefront.gateway.security.OperationAccess;

/**
 * Checks frontend operations against the schema without a running gateway: are they valid (with line and
 * column when not), do they use deprecated fields, are they within the abuse limits, and which kinds of
 * caller can run them fully.
 */
public final class OperationChecker {

	private final GraphQLSchema schema;

	private final GatewayProperties.Limits limits;

	public OperationChecker(GraphQLSchema schema, GatewayProperties.Limits limits) {
		this.schema = schema;
		this.limits = limits;
	}

	/** A checker for the schema this build ships ({@code schema/*.graphqls} on the classpath). */
	public static OperationChecker forShippedSchema() {
		return new OperationChecker(shippedSchema(), GatewayProperties.Limits.DEFAULTS);
	}

	public static GraphQLSchema shippedSchema() {
		return SchemaAsWritten.executable(SchemaAsWritten.read(),
				StorefrontScalars.register(RuntimeWiring.newRuntimeWiring()).build());
	}

	/** A problem at a place in the document. */
	public record Problem(String message, int line, int column) {

		static Problem of(GraphQLError error) {
			List<SourceLocation> locations = error.getLocations();
			SourceLocation at = (locations != null && !locations.isEmpty()) ? locations.get(0) : null;
			return new Problem(error.getMessage(), (at != null) ? at.getLine() : 0, (at != null) ? at.getColumn() : 0);
		}

	}

	/** What the checker found for one operation of one source. */
	public record Result(String source, @Nullable String operation, @Nullable String type, List<Problem> errors,
			List<Problem> deprecations, List<QueryMeasure.Excess> overLimits, @Nullable QueryMeasure measure,
			List<String> runsFullyFor, Map<String, List<String>> deniedFor) {

		public boolean valid() {
			return this.errors.isEmpty() && this.overLimits.isEmpty();
		}

	}

	/** Checks every operation in one document. */
	public List<Result> check(String source, String text) {
		Document document;
		try {
			document = Parser.parse(text);
		}
		catch (InvalidSyntaxException ex) {
			return List.of(new Result(source, null, null, List.of(Problem.of(ex.toInvalidSyntaxError())), List.of(),
					List.of(), null, List.of(), Map.of()));
		}
		List<GraphQLError> invalid = new ArrayList<>(ParseAndValidate.validate(this.schema, document));
		List<OperationDefinition> operations = document.getDefinitionsOfType(OperationDefinition.class);
		if (!invalid.isEmpty() || operations.isEmpty()) {
			List<Problem> problems = invalid.stream().map(Problem::of).toList();
			return List.of(new Result(source, null, null,
					problems.isEmpty() ? List.of(new Problem("The document holds no operation.", 1, 1)) : problems,
					List.of(), List.of(), null, List.of(), Map.of()));
		}
		List<Result> results = new ArrayList<>();
		for (OperationDefinition operation : operations) {
			String name = operation.getName();
			Map<String, Object> variables = placeholders(operation);
			QueryMeasure measure = QueryMeasure.of(this.schema, document, name, variables);
			Map<OperationAccess.Audience, List<OperationAccess.Denial>> denials = OperationAccess.denials(this.schema,
					document, name, variables);
			Map<String, List<String>> deniedFor = new java.util.LinkedHashMap<>();
			denials.forEach((audience, denied) -> {
				if (!denied.isEmpty()) {
					deniedFor.put(audience.label(), denied.stream().map(OperationAccess.Denial::toString).toList());
				}
			});
			List<String> runsFullyFor = denials.keySet()
				.stream()
				.filter((audience) -> denials.get(audience).isEmpty())
				.map(OperationAccess.Audience::label)
				.toList();
			results.add(new Result(source, name, operation.getOperation().name().toLowerCase(java.util.Locale.ROOT),
					List.of(), deprecations(document, name, variables), measure.excesses(this.limits), measure,
					runsFullyFor, deniedFor));
		}
		return results;
	}

	/**
	 * Stand-ins for the operation's required variables: the analysis needs a value to be present, not its
	 * content. A {@code first} taken from a variable counts as the default page size.
	 */
	private Map<String, Object> placeholders(OperationDefinition operation) {
		Map<String, Object> variables = new java.util.HashMap<>();
		for (graphql.language.VariableDefinition variable : operation.getVariableDefinitions()) {
			if (variable.getType() instanceof graphql.language.NonNullType required && variable.getDefaultValue() == null) {
				variables.put(variable.getName(), placeholder(required.getType()));
			}
		}
		return variables;
	}

	private Object placeholder(graphql.language.Type<?> type) {
		if (type instanceof graphql.language.ListType) {
			return List.of();
		}
		if (type instanceof graphql.language.NonNullType nonNull) {
			return placeholder(nonNull.getType());
		}
		String name = ((graphql.language.TypeName) type).getName();
		return (this.schema.getType(name) instanceof graphql.schema.GraphQLInputObjectType) ? Map.of() : "placeholder";
	}

	private List<Problem> deprecations(Document document, @Nullable String operationName,
			Map<String, Object> variables) {
		List<Problem> deprecated = new ArrayList<>();
		OperationFields.visit(this.schema, document, operationName, variables, (env) -> {
			if (env.getFieldDefinition().isDeprecated()) {
				SourceLocation at = env.getField().getSourceLocation();
				deprecated.add(new Problem(env.getFieldsContainer().getName() + "." + env.getField().getName()
						+ " is deprecated: " + env.getFieldDefinition().getDeprecationReason(),
						(at != null) ? at.getLine() : 0, (at != null) ? at.getColumn() : 0));
			}
		});
		return deprecated;
	}

}
