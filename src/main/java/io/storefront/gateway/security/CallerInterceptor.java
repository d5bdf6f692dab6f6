package io.storefront.gateway.security;

import java.util.ArrayList;
import java.util.List;

import graphql.GraphQLContext;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;

/**
 * Puts the request's {@link Caller}, taken from the token Spring Security verified, into the GraphQL context,
 * where the authorization interceptor and controllers find it on any thread.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class CallerInterceptor implements WebGraphQlInterceptor {

	private static final String ROLE_PREFIX = "ROLE_";

	@Override
	public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
		Caller caller = callerOf(SecurityContextHolder.getContext().getAuthentication());
		request.configureExecutionInput((input, builder) -> builder
			.graphQLContext((context) -> context.put(Caller.CONTEXT_KEY, caller))
			.build());
		return chain.next(request);
	}

	static Caller callerOf(GraphQLContext context) {
		Caller caller = context.get(Caller.CONTEXT_KEY);
		return (caller != null) ? caller : Caller.anonymous();
	}

	static Caller callerOf(@Nullable Authentication authentication) {
		if (!(authentication instanceof JwtAuthenticationToken token) || !token.isAuthenticated()) {
			return Caller.anonymous();
		}
		List<Role> roles = new ArrayList<>();
		for (GrantedAuthority authority : token.getAuthorities()) {
			String name = authority.getAuthority();
			if (name != null && name.startsWith(ROLE_PREFIX)) {
				for (Role role : Role.values()) {
					if (role.name().equals(name.substring(ROLE_PREFIX.length()))) {
						roles.add(role);
					}
				}
			}
		}
		return Caller.user(token.getName(), roles,
				(token instanceof SignedInUsers.SignedIn signedIn) ? signedIn.sessionId() : null);
	}

}
