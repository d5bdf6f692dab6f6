package io.storefront.gateway.security;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.CompletionStage;

import graphql.GraphQLContext;
import graphql.GraphQLError;
import graphql.execution.DataFetcherResult;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.DataFetchingEnvironmentImpl;
import graphql.schema.FieldCoordinates;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import io.storefront.gateway.graphql.GraphQlErrors;
import io.storefront.gateway.kernel.Connection;
import io.storefront.gateway.kernel.ErrorCode;
import io.storefront.gateway.security.AccessRule.Verdict;


/**
 * Wraps one field's data fetcher with the rules that guard it. The field's own rule is judged first, against
 * the parent object; a denial returns null with one error and the wrapped fetcher never runs. A rule that
 * needs the fetched object itself (a type's rule, or {@code @ownerOrRole} on a root query field) is judged
 * on what the fetcher returns, before any of that object's fields resolve. {@code @ownerOrRole} on a root
 * mutation is judged before it runs, against the object its {@code id} argument names (an id that names nothing
 * is {@code NOT_FOUND}); the mutation then receives the {@link OwnerScope} its write must keep to. On a
 * subscription such a rule is judged on every event, and a denied event ends the subscription with its error.
 */
final class GuardedDataFetcher implements DataFetcher<Object> {

	// owned by no caller, so that an unjudgeable target is denied rather than allowed
	private static final Owned NOBODYS = () -> "";

	private final DataFetcher<?> delegate;

	private final FieldCoordinates coordinates;

	private final boolean rootField;

	private final @Nullable AccessRule fieldRule;

	private final @Nullable AccessRule typeRule;

	private final boolean explainDenials;

	private final @Nullable OwnerLookup ownerLookup;

	private final String returnType;

	private final RuleBook.Guard guard;

	// only in REPORT_ONLY mode: where the denials of rules being rolled out go instead of the answer
	private final @Nullable RolloutReport rollout;

	GuardedDataFetcher(DataFetcher<?> delegate, RuleBook.Guard guard, @Nullable OwnerLookup ownerLookup,
			boolean explainDenials, @Nullable RolloutReport rollout) {
		this.delegate = delegate;
		this.guard = guard;
		this.rollout = rollout;
		this.ownerLookup = ownerLookup;
		this.returnType = guard.returnType();
		this.coordinates = guard.coordinates();
		this.rootField = guard.rootField();
		this.fieldRule = guard.fieldRule();
		this.typeRule = guard.typeRule();
		this.explainDenials = explainDenials;
	}

	@Override
	public @Nullable Object get(DataFetchingEnvironment env) throws Exception {
		Caller signedIn = SignedInScope.of(env);
		Caller caller = (signedIn != null) ? signedIn : CallerInterceptor.callerOf(env.getGraphQlContext());
		AccessRule judgeResult = null;
		OwnerScope scope = OwnerScope.ANY_OWNER;
		if (this.fieldRule != null) {
			Verdict verdict = this.rootField ? this.fieldRule.judge(caller)
					: this.fieldRule.judge(caller, env.getSource());
			if (verdict == Verdict.NEEDS_OWNER && isMutation()) {
				Owned target = findTarget(env);
				if (target == null) {
					return notFound(env);
				}
				verdict = this.fieldRule.judge(caller, target);
				scope = OwnerScope.ownedBy(caller.requireUserId());
			}
			if (verdict.denies() && !reportedInstead(env, this.fieldRule, caller)) {
				return denial(env, this.fieldRule, verdict);
			}
			if (verdict == Verdict.NEEDS_OWNER) {
				judgeResult = this.fieldRule;
			}
		}
		if (this.typeRule != null) {
			Verdict verdict = this.typeRule.judge(caller);
			if (verdict.denies() && !reportedInstead(env, this.typeRule, caller)) {
				return denial(env, this.typeRule, verdict);
			}
			if (verdict == Verdict.NEEDS_OWNER && judgeResult == null) {
				judgeResult = this.typeRule;
			}
		}
		Object result = this.delegate.get(isMutation() ? withScope(env, scope) : env);
		if (judgeResult == null) {
			return result;
		}
		AccessRule rule = judgeResult;
		if (result instanceof CompletionStage<?> stage) {
			return stage.thenApply((value) -> judged(env, caller, rule, value));
		}
		if (result instanceof Mono<?> mono) {
			return mono.map((value) -> judged(env, caller, rule, value));
		}
		if (result instanceof Flux<?> events) {
			// a subscription: every event is judged, and the first one denied is the last one sent
			return events.map((value) -> judged(env, caller, rule, value))
				.takeUntil((value) -> value instanceof DataFetcherResult<?> denied && !denied.getErrors().isEmpty());
		}
		return judged(env, caller, rule, result);
	}

	/**
	 * The object a mutation would change, named by its {@code id} argument, or null when there is none. Without
	 * a way to look it up the rule cannot be judged, which denies: the target is then taken to be someone else's.
	 */
	private @Nullable Owned findTarget(DataFetchingEnvironment env) {
		Object id = env.getArgument("id");
		if (this.ownerLookup == null || !(id instanceof String target)) {
			return NOBODYS;
		}
		return this.ownerLookup.findOwned(target).orElse(null);
	}

	private static DataFetchingEnvironment withScope(DataFetchingEnvironment env, OwnerScope scope) {
		GraphQLContext local = GraphQLContext.newContext().of(OwnerScope.CONTEXT_KEY, scope).build();
		return DataFetchingEnvironmentImpl.newDataFetchingEnvironment(env).localContext(local).build();
	}

	private DataFetcherResult<Object> notFound(DataFetchingEnvironment env) {
		GraphQLError error = GraphQlErrors.of(ErrorCode.NOT_FOUND, "No " + this.returnType + " has this id.", "id")
			.path(env.getExecutionStepInfo().getPath())
			.location(env.getField().getSourceLocation())
			.build();
		return DataFetcherResult.newResult().data(null).error(error).build();
	}

	private @Nullable Object judged(DataFetchingEnvironment env, Caller caller, AccessRule rule,
			@Nullable Object result) {
		Object value = (result instanceof DataFetcherResult<?> fetched) ? fetched.getData() : result;
		if (value == null) {
			return result;
		}
		Iterable<?> objects;
		if (value instanceof Connection<?> connection) {
			objects = connection.edges().stream().map(Connection.Edge::node).toList();
		}
		else if (value instanceof Collection<?> collection) {
			objects = collection;
		}
		else {
			objects = java.util.List.of(value);
		}
		for (Object object : objects) {
			if (object != null && rule.judge(caller, object).denies() && !reportedInstead(env, rule, caller)) {
				return denial(env, rule, Verdict.FORBIDDEN);
			}
		}
		return result;
	}

	/**
	 * In REPORT_ONLY mode, a rule marked {@code rollout: true} does not deny: what it would have denied is reported,
	 * and the field is served as if the rule were not there.
	 */
	private boolean reportedInstead(DataFetchingEnvironment env, AccessRule rule, Caller caller) {
		if (this.rollout == null || !this.guard.inRollout(rule)) {
			return false;
		}
		this.rollout.wouldDeny(env, this.coordinates.toString(), rule, caller);
		return true;
	}

	private DataFetcherResult<Object> denial(DataFetchingEnvironment env, AccessRule rule, Verdict verdict) {
		ErrorCode code = (verdict == Verdict.UNAUTHENTICATED) ? ErrorCode.UNAUTHENTICATED : ErrorCode.FORBIDDEN;
		String message = denied(code, isMutation(), this.coordinates.toString()) + ".";
		Map<String, String> details = this.explainDenials ? Map.of("rule", rule.directive()) : Map.of();
		GraphQLError error = GraphQlErrors.of(code, message, details)
			.path(env.getExecutionStepInfo().getPath())
			.location(env.getField().getSourceLocation())
			.build();
		return DataFetcherResult.newResult().data(null).error(error).build();
	}

	/** What a denial tells the caller, without its full stop: sign in first, or not allowed; to run or to read. */
	static String denied(ErrorCode code, boolean mutation, String coordinates) {
		return ((code == ErrorCode.UNAUTHENTICATED) ? "Sign in to " : "Not allowed to ") + (mutation ? "run " : "read ")
				+ coordinates;
	}

	private boolean isMutation() {
		return this.rootField && this.coordinates.getTypeName().equals("Mutation");
	}

}
