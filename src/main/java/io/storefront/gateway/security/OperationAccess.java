package io.storefront.gateway.security;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import graphql.analysis.QueryVisitorFieldEnvironment;
import graphql.language.Document;
import graphql.schema.GraphQLSchema;
import org.jspecify.annotations.Nullable;

import io.storefront.gateway.graphql.OperationFields;
import io.storefront.gateway.security.AccessRule.Verdict;

/**
 * What each kind of caller gets of an operation, derived from the schema's directives alone: every field the
 * operation selects, through every fragment, judged as the interceptor would judge it, giving the fields that
 * come back denied (and so who runs it fully). "Owner" assumes the caller owns every object the operation
 * reaches (their own account, cart and orders); the other CUSTOMER owns none of them.
 */
public final class OperationAccess {

	/** The kinds of caller the rule table distinguishes. */
	public enum Audience {

		ANONYMOUS(Caller.anonymous(), false), CUSTOMER_OWNER(Caller.user("owner", List.of(Role.CUSTOMER)), true),
		CUSTOMER(Caller.user("other", List.of(Role.CUSTOMER)), false),
		SUPPORT(Caller.user("support", List.of(Role.CUSTOMER, Role.SUPPORT)), false),
		ADMIN(Caller.user("admin", List.of(Role.CUSTOMER, Role.ADMIN)), false);

		private final Caller caller;

		private final boolean owner;

		Audience(Caller caller, boolean owner) {
			this.caller = caller;
			this.owner = owner;
		}

		public String label() {
			return (this == CUSTOMER_OWNER) ? "CUSTOMER (owner)" : name();
		}

		Verdict verdictOf(AccessRule rule) {
			Verdict verdict = rule.judge(this.caller);
			if (verdict == Verdict.NEEDS_OWNER) {
				return this.owner ? Verdict.ALLOW : Verdict.FORBIDDEN;
			}
			return verdict;
		}

	}

	private OperationAccess() {
	}

	private static boolean inSignedInScope(QueryVisitorFieldEnvironment env) {
		for (QueryVisitorFieldEnvironment at = env.getParentEnvironment(); at != null; at = at.getParentEnvironment()) {
			if (SignedInScope.PAYLOAD_TYPE.equals(
					((graphql.schema.GraphQLNamedType) graphql.schema.GraphQLTypeUtil.unwrapAll(at.getFieldDefinition().getType()))
						.getName())) {
				return true;
			}
		}
		return false;
	}

	/**
	 * A field an audience gets back as null with an error: where it is in the answer (its response keys, list
	 * positions left out), which schema field it is, the error's code, and the rule that denies it.
	 */
	public record Denial(List<String> keys, String coordinates, String code, String rule) {

		public String path() {
			return String.join(".", this.keys);
		}

		@Override
		public String toString() {
			return path() + " (" + this.code + ", " + this.rule + ")";
		}

	}

	/**
	 * For each audience, the fields of the operation that come back denied, as the interceptor would deny them:
	 * the outermost only, since nothing below a denied field is resolved.
	 */
	public static Map<Audience, List<Denial>> denials(GraphQLSchema schema, Document document,
			@Nullable String operationName, Map<String, Object> variables) {
		Map<Audience, Function<AccessRule, Verdict>> judges = new EnumMap<>(Audience.class);
		for (Audience audience : Audience.values()) {
			judges.put(audience, audience::verdictOf);
		}
		return walk(RuleBook.of(schema), document, operationName, variables, judges);
	}

	/**
	 * The fields this caller is denied whatever the objects turn out to be: by being anonymous, or by the roles
	 * it holds. A rule that only an object's owner passes is left to be judged on the object.
	 */
	static List<Denial> denialsFor(Caller caller, RuleBook rules, Document document, @Nullable String operationName,
			Map<String, Object> variables) {
		Function<AccessRule, Verdict> judge = (rule) -> {
			Verdict verdict = rule.judge(caller);
			return (verdict == Verdict.NEEDS_OWNER) ? Verdict.ALLOW : verdict;
		};
		return walk(rules, document, operationName, variables, Map.of(caller, judge)).get(caller);
	}

	private static <K> Map<K, List<Denial>> walk(RuleBook rules, Document document, @Nullable String operationName,
			Map<String, Object> variables, Map<K, Function<AccessRule, Verdict>> judges) {
		GraphQLSchema schema = rules.schema();
		Map<K, List<Denial>> denials = new LinkedHashMap<>();
		judges.keySet().forEach((key) -> denials.put(key, new ArrayList<>()));
		Map<QueryVisitorFieldEnvironment, Set<K>> deniedAt = new IdentityHashMap<>();
		OperationFields.visit(schema, document, operationName, variables, (env) -> {
			if (env.isTypeNameIntrospectionField()) {
				return;
			}
			RuleBook.Guard guard = rules.guard(env.getFieldsContainer().getName(), env.getField().getName());
			if (guard == null) {
				return;
			}
			Set<K> above = deniedAbove(env, deniedAt);
			boolean signedIn = inSignedInScope(env);
			judges.forEach((key, judge) -> {
				if (above.contains(key)) {
					return;
				}
				for (AccessRule rule : new AccessRule[] { guard.fieldRule(), guard.typeRule() }) {
					if (rule == null) {
						continue;
					}
					// below a sign-in payload every caller reads as the customer who just signed in
					Verdict verdict = signedIn ? Audience.CUSTOMER_OWNER.verdictOf(rule) : judge.apply(rule);
					if (verdict.denies()) {
						denials.get(key).add(new Denial(keys(env), guard.coordinates().toString(), verdict.name(),
								rule.directive()));
						deniedAt.computeIfAbsent(env, (at) -> new HashSet<>()).add(key);
						break;
					}
				}
			});
		});
		return denials;
	}

	private static <K> Set<K> deniedAbove(QueryVisitorFieldEnvironment env,
			Map<QueryVisitorFieldEnvironment, Set<K>> deniedAt) {
		Set<K> above = new HashSet<>();
		for (QueryVisitorFieldEnvironment at = env.getParentEnvironment(); at != null; at = at.getParentEnvironment()) {
			above.addAll(deniedAt.getOrDefault(at, Set.of()));
		}
		return above;
	}

	private static List<String> keys(QueryVisitorFieldEnvironment env) {
		List<String> keys = new ArrayList<>();
		for (QueryVisitorFieldEnvironment at = env; at != null; at = at.getParentEnvironment()) {
			keys.add(0, at.getField().getResultKey());
		}
		return List.copyOf(keys);
	}

}
