package io.storefront.gateway.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLAppliedDirective;
import graphql.schema.GraphQLAppliedDirectiveArgument;
import graphql.schema.GraphQLDirectiveContainer;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLTypeUtil;
import org.jspecify.annotations.Nullable;

/**
 * Every authorization rule of a schema, read from its directives, and the schema's obligations checked:
 * every root field carries exactly one rule (deny by default), no element carries two, and every field with
 * a rule that can deny is nullable, so that a denial nulls only that field.
 */
final class RuleBook {

	static final Set<String> DIRECTIVES = Set.of("public", "authenticated", "hasRole", "ownerOrRole");

	private final GraphQLSchema schema;

	private final Set<String> rootTypes;

	private final Map<String, AccessRule> typeRules;

	private final Map<FieldCoordinates, AccessRule> fieldRules;

	private final Map<String, Map<String, Guard>> guards;

	private final Set<String> rollout;

	private RuleBook(GraphQLSchema schema, Set<String> roots, Map<String, AccessRule> typeRules,
			Map<FieldCoordinates, AccessRule> fieldRules, Set<String> rollout) {
		this.schema = schema;
		this.rootTypes = roots;
		this.typeRules = typeRules;
		this.fieldRules = fieldRules;
		this.rollout = Set.copyOf(rollout);
		this.guards = guards(schema, roots, typeRules, fieldRules, this.rollout);
	}

	/**
	 * What guards one field: its own rule (never {@code @public}, which needs no guarding) and the rule of the
	 * type it returns, either of which may be absent.
	 */
	record Guard(FieldCoordinates coordinates, boolean rootField, String returnType, @Nullable AccessRule fieldRule,
			@Nullable AccessRule typeRule, boolean fieldRuleInRollout, boolean typeRuleInRollout) {

		/** Whether this rule of the guard is marked {@code rollout: true}. */
		boolean inRollout(AccessRule rule) {
			return (rule == this.fieldRule) ? this.fieldRuleInRollout : (rule == this.typeRule) && this.typeRuleInRollout;
		}

	}

	static RuleBook of(GraphQLSchema schema) {
		Set<String> roots = rootTypeNames(schema);
		Map<String, AccessRule> typeRules = new LinkedHashMap<>();
		Map<FieldCoordinates, AccessRule> fieldRules = new LinkedHashMap<>();
		Set<String> rollout = new java.util.HashSet<>();
		for (GraphQLObjectType type : objectTypes(schema)) {
			AccessRule typeRule = ruleOf(type, type.getName());
			if (typeRule != null) {
				typeRules.put(type.getName(), typeRule);
			}
			if (inRollout(type)) {
				rollout.add(type.getName());
			}
			for (GraphQLFieldDefinition field : type.getFieldDefinitions()) {
				String where = type.getName() + "." + field.getName();
				AccessRule rule = ruleOf(field, where);
				if (inRollout(field)) {
					rollout.add(where);
				}
				if (rule == null && roots.contains(type.getName())) {
					throw new IllegalStateException(where + " has no authorization rule. Every root field needs "
							+ "exactly one of @public, @authenticated, @hasRole or @ownerOrRole.");
				}
				if (rule == null) {
					continue;
				}
				if (!(rule instanceof AccessRule.Public) && field.getType() instanceof GraphQLNonNull) {
					throw new IllegalStateException(where + " carries " + rule.directive()
							+ " but is non-null; a denied field resolves to null, so it must be nullable.");
				}
				fieldRules.put(FieldCoordinates.coordinates(type, field), rule);
			}
		}
		return new RuleBook(schema, roots, typeRules, fieldRules, rollout);
	}

	GraphQLSchema schema() {
		return this.schema;
	}

	/** The names of the root types: Query, Mutation, Subscription. */
	Set<String> rootTypes() {
		return this.rootTypes;
	}

	/** Every field that a rule can deny, with its guard. */
	List<Guard> guards() {
		return this.guards.values().stream().flatMap((fields) -> fields.values().stream()).toList();
	}

	/** The guard of a field, or null when no rule can deny it. */
	@Nullable Guard guard(String typeName, String fieldName) {
		Map<String, Guard> fields = this.guards.get(typeName);
		return (fields != null) ? fields.get(fieldName) : null;
	}

	private static Map<String, Map<String, Guard>> guards(GraphQLSchema schema, Set<String> roots,
			Map<String, AccessRule> typeRules, Map<FieldCoordinates, AccessRule> fieldRules, Set<String> rollout) {
		Map<String, Map<String, Guard>> guards = new java.util.HashMap<>();
		for (GraphQLObjectType type : objectTypes(schema)) {
			for (GraphQLFieldDefinition field : type.getFieldDefinitions()) {
				FieldCoordinates coordinates = FieldCoordinates.coordinates(type, field);
				AccessRule fieldRule = fieldRules.get(coordinates);
				if (fieldRule instanceof AccessRule.Public) {
					fieldRule = null;
				}
				String returned = ((graphql.schema.GraphQLNamedType) GraphQLTypeUtil.unwrapAll(field.getType())).getName();
				AccessRule typeRule = typeRules.get(returned);
				if (fieldRule != null || typeRule != null) {
					guards.computeIfAbsent(type.getName(), (name) -> new java.util.HashMap<>())
						.put(field.getName(),
								new Guard(coordinates, roots.contains(type.getName()), returned, fieldRule, typeRule,
										fieldRule != null && rollout.contains(type.getName() + "." + field.getName()),
										typeRule != null && rollout.contains(returned)));
				}
			}
		}
		return guards;
	}

	private static List<GraphQLObjectType> objectTypes(GraphQLSchema schema) {
		return schema.getAllTypesAsList()
			.stream()
			.filter(GraphQLObjectType.class::isInstance)
			.map(GraphQLObjectType.class::cast)
			.filter((type) -> !type.getName().startsWith("__"))
			.sorted(Comparator.comparing(GraphQLObjectType::getName))
			.toList();
	}

	Map<String, AccessRule> typeRules() {
		return this.typeRules;
	}

	Map<FieldCoordinates, AccessRule> fieldRules() {
		return this.fieldRules;
	}

	/** The elements (types, and fields as {@code Type.field}) whose rule is marked {@code rollout: true}. */
	Set<String> inRollout() {
		return this.rollout;
	}

	private static boolean inRollout(GraphQLDirectiveContainer element) {
		for (GraphQLAppliedDirective directive : element.getAppliedDirectives()) {
			GraphQLAppliedDirectiveArgument rollout = directive.getArgument("rollout");
			if (DIRECTIVES.contains(directive.getName()) && rollout != null
					&& Boolean.TRUE.equals(rollout.getValue())) {
				return true;
			}
		}
		return false;
	}

	private static @Nullable AccessRule ruleOf(GraphQLDirectiveContainer element, String where) {
		List<AccessRule> rules = new ArrayList<>();
		for (GraphQLAppliedDirective directive : element.getAppliedDirectives()) {
			if (DIRECTIVES.contains(directive.getName())) {
				rules.add(toRule(directive, where));
			}
		}
		if (rules.size() > 1) {
			throw new IllegalStateException(where + " carries " + rules.size() + " authorization rules; give it one.");
		}
		return rules.isEmpty() ? null : rules.get(0);
	}

	private static AccessRule toRule(GraphQLAppliedDirective directive, String where) {
		return switch (directive.getName()) {
			case "public" -> new AccessRule.Public();
			case "authenticated" -> new AccessRule.Authenticated();
			case "hasRole" -> new AccessRule.HasRole(roles(directive, where));
			default -> new AccessRule.OwnerOrRole(roles(directive, where));
		};
	}

	private static List<Role> roles(GraphQLAppliedDirective directive, String where) {
		GraphQLAppliedDirectiveArgument argument = directive.getArgument("roles");
		Object value = (argument != null) ? argument.getValue() : null;
		if (!(value instanceof Collection<?> names) || names.isEmpty()) {
			throw new IllegalStateException(where + ": @" + directive.getName() + " names no roles.");
		}
		List<Role> roles = new ArrayList<>();
		for (Object name : names) {
			roles.add(Stream.of(Role.values())
				.filter((role) -> role.name().equals(String.valueOf(name)))
				.findFirst()
				.orElseThrow(() -> new IllegalStateException(
						where + ": @" + directive.getName() + " names the unknown role " + name + ".")));
		}
		return List.copyOf(roles);
	}

	private static Set<String> rootTypeNames(GraphQLSchema schema) {
		return Stream.of(schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType())
			.filter(java.util.Objects::nonNull)
			.map(GraphQLObjectType::getName)
			.collect(java.util.stream.Collectors.toSet());
	}

}
