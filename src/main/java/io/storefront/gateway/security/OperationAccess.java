package io.storefront.gateway.security;

import java.util.ArrayList;
import java.util.EnumSet;
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
 * Who can run an operation fully, derived from the schema's directives alone: every field the operation
 * selects, through every fragment, judged for each kind of caller as the interceptor would judge it. "Owner"
 * assumes the caller owns every object the operation reaches (their own account, cart and orders).
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

		boolean passes(@Nullable AccessRule rule) {
			if (rule == null) {
				return true;
			}
			Verdict verdict = rule.judge(this.caller);
			return verdict == Verdict.ALLOW || (verdict == Verdict.NEEDS_OWNER && this.owner);
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

	/** The audiences for whom no field of the operation would be denied. */
	public static List<Audience> audiencesThatRunFully(GraphQLSchema schema, Document document,
			@Nullable String operationName, Map<String, Object> variables) {
		RuleBook rules = RuleBook.of(schema);
		Set<Audience> denied = EnumSet.noneOf(Audience.class);
		OperationFields.visit(schema, document, operationName, variables, (env) -> {
			if (env.isTypeNameIntrospectionField()) {
				return;
			}
			RuleBook.Guard guard = rules.guard(env.getFieldsContainer().getName(), env.getField().getName());
			if (guard == null) {
				return;
			}
			boolean signedIn = inSignedInScope(env);
			for (Audience audience : Audience.values()) {
				// below a sign-in payload every caller reads as the customer who just signed in
				Audience judged = signedIn ? Audience.CUSTOMER_OWNER : audience;
				if (!judged.passes(guard.fieldRule()) || !judged.passes(guard.typeRule())) {
					denied.add(audience);
				}
			}
		});
		List<Audience> fully = new ArrayList<>();
		for (Audience audience : Audience.values()) {
			if (!denied.contains(audience)) {
				fully.add(audience);
			}
		}
		return fully;
	}

}
