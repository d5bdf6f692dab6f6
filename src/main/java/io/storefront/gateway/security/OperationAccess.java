package io.storefront.gateway.security;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

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

		Verdict verdictOf(@Nullable AccessRule rule) {
			if (rule == null) {
				return Verdict.ALLOW;
			}
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
	 * A field an audience gets back as null with an error: where it is in the answer (by response keys, list
	 * positions left out), the error's code, and the rule that denies it.
	 */
	public record Denial(String path, String code, String rule) {

		@Override
		public String toString() {
			return this.path + " (" + this.code + ", " + this.rule + ")";
		}

	}

	/**
	 * For each audience, the fields of the operation that come back denied, as the interceptor would deny them:
	 * the outermost only, since nothing below a denied field is resolved.
	 */
	public static Map<Audience, List<Denial>> denials(GraphQLSchema schema, Document document,
			@Nullable String operationName, Map<String, Object> variables) {
		RuleBook rules = RuleBook.of(schema);
		Map<Audience, List<Denial>> denials = new EnumMap<>(Audience.class);
		for (Audience audience : Audience.values()) {
			denials.put(audience, new ArrayList<>());
		}
		Map<QueryVisitorFieldEnvironment, Set<Audience>> deniedAt = new IdentityHashMap<>();
		OperationFields.visit(schema, document, operationName, variables, (env) -> {
			if (env.isTypeNameIntrospectionField()) {
				return;
			}
			RuleBook.Guard guard = rules.guard(env.getFieldsContainer().getName(), env.getField().getName());
			if (guard == null) {
				return;
			}
			Set<Audience> above = deniedAbove(env, deniedAt);
			boolean signedIn = inSignedInScope(env);
			for (Audience audience : Audience.values()) {
				if (above.contains(audience)) {
					continue;
				}
				// below a sign-in payload every caller reads as the customer who just signed in
				Audience judged = signedIn ? Audience.CUSTOMER_OWNER : audience;
				for (AccessRule rule : new AccessRule[] { guard.fieldRule(), guard.typeRule() }) {
					Verdict verdict = judged.verdictOf(rule);
					if (verdict.denies()) {
						denials.get(audience).add(new Denial(path(env), verdict.name(), rule.directive()));
						deniedAt.computeIfAbsent(env, (key) -> EnumSet.noneOf(Audience.class)).add(audience);
						break;
					}
				}
			}
		});
		return denials;
	}

	private static Set<Audience> deniedAbove(QueryVisitorFieldEnvironment env,
			Map<QueryVisitorFieldEnvironment, Set<Audience>> deniedAt) {
		Set<Audience> above = EnumSet.noneOf(Audience.class);
		for (QueryVisitorFieldEnvironment at = env.getParentEnvironment(); at != null; at = at.getParentEnvironment()) {
			above.addAll(deniedAt.getOrDefault(at, Set.of()));
		}
		return above;
	}

	private static String path(QueryVisitorFieldEnvironment env) {
		List<String> keys = new ArrayList<>();
		for (QueryVisitorFieldEnvironment at = env; at != null; at = at.getParentEnvironment()) {
			keys.add(0, at.getField().getResultKey());
		}
		return String.join(".", keys);
	}

}
