package io.storefront.gateway.security;

import graphql.introspection.Introspection;
import reactor.core.publisher.Mono;

import io.storefront.gateway.security.SecurityProperties.IntrospectionMode;

import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Who may introspect the schema ({@code storefront.security.introspection}): everyone (the dev default),
 * signed-in callers only (the default elsewhere), or nobody. Disabled introspection is graphql-java's own,
 * per request; {@link SchemaDisclosure} applies the same decision to the printed schema and the example
 * operations.
 */
@Component
class IntrospectionPolicy implements WebGraphQlInterceptor {

	private final IntrospectionMode mode;

	IntrospectionPolicy(SecurityProperties properties) {
		this.mode = properties.introspection();
	}

	/** Whether this caller may see the schema: yes, after signing in, or not at all. */
	enum Decision {

		ALLOWED, SIGN_IN_FIRST, NOT_HERE

	}

	Decision decide(Caller caller) {
		return switch (this.mode) {
			case ALL -> Decision.ALLOWED;
			case NONE -> Decision.NOT_HERE;
			case AUTHENTICATED -> caller.isAuthenticated() ? Decision.ALLOWED : Decision.SIGN_IN_FIRST;
		};
	}

	@Override
	public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
		Caller caller = CallerInterceptor.callerOf(SecurityContextHolder.getContext().getAuthentication());
		if (decide(caller) != Decision.ALLOWED) {
			request.configureExecutionInput((input, builder) -> builder
				.graphQLContext((context) -> context.put(Introspection.INTROSPECTION_DISABLED, true))
				.build());
		}
		return chain.next(request);
	}

}
