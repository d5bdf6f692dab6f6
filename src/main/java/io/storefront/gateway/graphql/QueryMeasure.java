package io.storefront.gateway.graphql;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import graphql.analysis.QueryVisitorFieldEnvironment;
import graphql.language.Document;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLTypeUtil;
import org.jspecify.annotations.Nullable;

import io.storefront.gateway.kernel.Pages;

/**
 * What one operation asks for: fragments expanded, introspection left out, and a field written twice counted
 * twice even where execution merges the two (an overestimate by what a client repeats, never an underestimate).
 * Cost is 1 per field times the page sizes of the lists it is inside: a connection's {@code first} (at most 100)
 * or 20, 20 for another list, 1 for a connection's edges, which its connection already counts.
 *
 * @param depth the deepest nesting of fields
 * @param aliases the aliased fields
 * @param rootFields the fields of the root selection
 * @param cost the estimated work
 * @param fields the schema fields the operation selects, as {@code Type.field}
 */
public record QueryMeasure(int depth, int aliases, int rootFields, long cost, Set<String> fields) {

	/** Where the measure of the running operation is kept in its GraphQL context. */
	public static final String CONTEXT_KEY = QueryMeasure.class.getName();

	/** A limit this measure is over: its name, the maximum, and the measured value. */
	public record Excess(String limit, int max, long measured) {

	}

	public static QueryMeasure of(GraphQLSchema schema, Document document, @Nullable String operationName,
			Map<String, Object> variables) {
		int[] counts = new int[3];
		long[] cost = new long[1];
		Set<String> fields = new TreeSet<>();
		Map<QueryVisitorFieldEnvironment, Long> multipliers = new IdentityHashMap<>();
		OperationFields.visit(schema, document, operationName, variables, (env) -> {
			if (isIntrospection(env)) {
				return;
			}
			QueryVisitorFieldEnvironment parent = env.getParentEnvironment();
			int depth = 1;
			for (QueryVisitorFieldEnvironment at = parent; at != null; at = at.getParentEnvironment()) {
				depth++;
			}
			long inherited = (parent != null) ? multipliers.getOrDefault(parent, 1L) : 1L;
			multipliers.put(env, Math.min(1_000_000_000L, inherited * pageSize(env)));
			if (!env.isTypeNameIntrospectionField()) {
				fields.add(env.getFieldsContainer().getName() + "." + env.getField().getName());
			}
			counts[0] = Math.max(counts[0], depth);
			cost[0] += inherited;
			if (env.getField().getAlias() != null) {
				counts[1]++;
			}
			if (parent == null) {
				counts[2]++;
			}
		});
		return new QueryMeasure(counts[0], counts[1], counts[2], cost[0], Set.copyOf(fields));
	}

	/** The limits this measure is over, in the order they are checked. */
	public List<Excess> excesses(GatewayProperties.Limits limits) {
		List<Excess> excesses = new ArrayList<>();
		if (this.depth > limits.maxDepth()) {
			excesses.add(new Excess("depth", limits.maxDepth(), this.depth));
		}
		if (this.aliases > limits.maxAliases()) {
			excesses.add(new Excess("aliases", limits.maxAliases(), this.aliases));
		}
		if (this.rootFields > limits.maxRootFields()) {
			excesses.add(new Excess("rootFields", limits.maxRootFields(), this.rootFields));
		}
		if (this.cost > limits.maxCost()) {
			excesses.add(new Excess("cost", limits.maxCost(), this.cost));
		}
		return excesses;
	}

	/**
	 * Introspection ({@code __schema}, {@code __type} and all below them) is not measured: its shape is fixed,
	 * GraphiQL's own query nests deeper than the depth limit, and graphql-java guards it against abuse itself
	 * (good-faith introspection).
	 */
	private static boolean isIntrospection(QueryVisitorFieldEnvironment env) {
		for (QueryVisitorFieldEnvironment at = env; at != null; at = at.getParentEnvironment()) {
			if (at.getParentEnvironment() == null && at.getField().getName().startsWith("__")
					&& !at.isTypeNameIntrospectionField()) {
				return true;
			}
		}
		return false;
	}

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

}
