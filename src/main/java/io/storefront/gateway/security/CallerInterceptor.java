package io.storefront.gateway.security;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import graphql.GraphQLContext;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.server.WebSocketGraphQlInterceptor;
import org.springframework.graphql.server.WebSocketGraphQlRequest;
import org.springframework.graphql.server.WebSocketSessionInfo;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;

/**
 * Puts the request's {@link Caller}, taken from the token Spring Security verified, into the GraphQL context,
 * where the authorization interceptor and controllers find it on any thread. Over WebSocket the token may also
 * come in the connection's init payload, as {@code Authorization: Bearer ...} (what Apollo Client's and urql's
 * {@code connectionParams} send): it is verified as a header's would be, and a bad one closes the connection
 * with 4401 Unauthorized before anything runs.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class CallerInterceptor implements WebSocketGraphQlInterceptor {

	private static final String ROLE_PREFIX = "ROLE_";

	private static final String BEARER = "Bearer ";

	/** Where the caller's verified token is kept, in the GraphQL context, for checks made after the request. */
	static final String TOKEN = CallerInterceptor.class.getName() + ".token";

	private final JwtDecoder tokens;

	private final SignedInUsers signedInUsers;

	private final Clock clock;

	CallerInterceptor(JwtDecoder tokens, SignedInUsers signedInUsers, Clock clock) {
		this.tokens = tokens;
		this.signedInUsers = signedInUsers;
		this.clock = clock;
	}

	@Override
	public Mono<Object> handleConnectionInitialization(WebSocketSessionInfo session, Map<String, Object> payload) {
		Object authorization = payload.getOrDefault("Authorization", payload.get("authorization"));
		if (authorization == null) {
			return Mono.empty();
		}
		if (!(authorization instanceof String header) || !header.startsWith(BEARER)) {
			return Mono.error(new BadCredentialsException("Authorization must be a bearer token."));
		}
		try {
			Jwt token = this.tokens.decode(header.substring(BEARER.length()));
			this.signedInUsers.convert(token);
			session.getAttributes().put(TOKEN, token);
			return Mono.empty();
		}
		catch (JwtException | AuthenticationException ex) {
			return Mono.error(ex);
		}
	}

	@Override
	public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		Jwt token = (authentication instanceof JwtAuthenticationToken verified) ? verified.getToken() : null;
		Caller caller;
		if (request instanceof WebSocketGraphQlRequest socket) {
			// a connection outlives its sign-in: each operation on it is judged by the sign-in as it stands now
			Jwt fromInit = (Jwt) socket.getSessionInfo().getAttributes().get(TOKEN);
			token = (fromInit != null) ? fromInit : token;
			caller = standing(token);
		}
		else {
			caller = callerOf(authentication);
		}
		Jwt signedIn = token;
		request.configureExecutionInput((input, builder) -> builder.graphQLContext((context) -> {
			context.put(Caller.CONTEXT_KEY, caller);
			if (signedIn != null && caller.isAuthenticated()) {
				context.put(TOKEN, signedIn);
			}
		}).build());
		return chain.next(request);
	}

	// anonymous once the token has expired or its sign-in has ended, with the user's roles as they are now otherwise
	private Caller standing(@Nullable Jwt token) {
		if (token == null || (token.getExpiresAt() != null && token.getExpiresAt().isBefore(this.clock.instant()))) {
			return Caller.anonymous();
		}
		try {
			return callerOf(this.signedInUsers.convert(token));
		}
		catch (AuthenticationException ex) {
			return Caller.anonymous();
		}
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
