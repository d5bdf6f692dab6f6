package io.storefront.gateway.security;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import graphql.execution.ExecutionStepInfo;
import graphql.schema.DataFetchingEnvironment;
import org.jspecify.annotations.Nullable;

/**
 * The result of a root field that signs someone in ({@code signUp}, {@code logIn}) is read as that user: the
 * caller of the request is still anonymous, but {@code logIn { user { email roles } }} shows the user their
 * own fields. The scope covers that root field's subtree only, never the rest of the document.
 */
public final class SignedInScope {

	/** The schema type of a sign-in payload, below which the scope applies. */
	static final String PAYLOAD_TYPE = "AuthPayload";

	private static final String CONTEXT_KEY = SignedInScope.class.getName();

	private SignedInScope() {
	}

	/** Declares that the subtree of the root field being fetched is viewed as this user. */
	public static void enter(DataFetchingEnvironment env, String userId, Collection<Role> roles) {
		Map<String, Caller> scopes = env.getGraphQlContext().computeIfAbsent(CONTEXT_KEY,
				(key) -> new ConcurrentHashMap<String, Caller>());
		scopes.put(rootOf(env.getExecutionStepInfo()), Caller.user(userId, roles));
	}

	/** The signed-in user whose scope this field lies in, if any. */
	static @Nullable Caller of(DataFetchingEnvironment env) {
		Map<String, Caller> scopes = env.getGraphQlContext().get(CONTEXT_KEY);
		return (scopes != null) ? scopes.get(rootOf(env.getExecutionStepInfo())) : null;
	}

	private static String rootOf(ExecutionStepInfo step) {
		ExecutionStepInfo root = step;
		while (root.getParent() != null && root.getParent().getParent() != null) {
			root = root.getParent();
		}
		return root.getPath().toString();
	}

}
