package io.storefront.gateway.security;

import graphql.introspection.Introspection;
import reactor.core.publisher.Mono;

import io.storefront.gateway.graphql.GatewayProperties;
import io.storefront.gateway.graphql.GatewayProperties.IntrospectionMode;

import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Who may introspect the schema ({@code storefront.graphql.introspection}): everyone (the dev default),
 * signed-in callers only (the default elsewhere), or nobody. Disabled introspection is graphql-java's own,
 * per request.
 */
@Component
class IntrospectionPolicy implements WebGraphQlInterceptor {

	private final IntrospectionMode mode;

	IntrospectionPolicy(GatewayProperties properties) {
		this.mode = properties.introspection();
	}

	@Override
	public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
		boolean allowed = switch (this.mode) {
			case ALL -> true;
			case NONE -> false;
			case AUTHENTICATED -> CallerInterceptor.callerOf(SecurityContextHolder.getContext().getAuthentication())
				.isAuthenticated();
		};
		if (!allowed) {
			request.configureExecutionInput((input, builder) -> builder
				.graphQLContext((context) -> context.put(Introspection.INTROSPECTION_DISABLED, true))
				.build());
		}
		return chain.next(request);
	}

}
