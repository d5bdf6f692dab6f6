package io.storefront.gateway.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import graphql.ExecutionResult;
import graphql.GraphQLError;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import io.storefront.gateway.graphql.GraphQlErrors;
import io.storefront.gateway.kernel.ErrorCode;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Component;

/**
 * A subscription lasts only as long as the sign-in it was made with: when its token expires, its session is
 * ended ({@code logOut}, {@code logOutEverywhere}), its user removed or its roles changed, the subscription sends
 * one last result, an {@code UNAUTHENTICATED} error saying why, and ends. The session is checked every
 * {@code storefront.security.sessions.recheck-after}, as every request's token is.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class SignedInSubscriptions implements WebGraphQlInterceptor {

	private final SignedInUsers signedInUsers;

	private final Clock clock;

	private final Duration recheck;

	SignedInSubscriptions(SignedInUsers signedInUsers, Clock clock, SecurityProperties properties) {
		this.signedInUsers = signedInUsers;
		this.clock = clock;
		this.recheck = properties.sessions().recheckAfter();
	}

	@Override
	public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
		return chain.next(request).map((response) -> {
			Jwt token = response.getExecutionInput().getGraphQLContext().get(CallerInterceptor.TOKEN);
			Caller caller = response.getExecutionInput().getGraphQLContext().get(Caller.CONTEXT_KEY);
			if (token == null || caller == null
					|| !(response.getExecutionResult().getData() instanceof Publisher<?> events)) {
				return response;
			}
			return response.transform((builder) -> builder.data(whileSignedIn(events, token, caller)));
		});
	}

	private Flux<Object> whileSignedIn(Publisher<?> events, Jwt token, Caller caller) {
		AtomicReference<@Nullable String> ended = new AtomicReference<>();
		Instant expiresAt = (token.getExpiresAt() != null) ? token.getExpiresAt() : this.clock.instant();
		Mono<String> expiry = Mono.delay(positive(Duration.between(this.clock.instant(), expiresAt)))
			.map((tick) -> "Your sign-in expired; sign in again and subscribe anew.");
		// the check may read the store: off the parallel threads that every timer shares
		Mono<String> signedOut = Flux.interval(this.recheck, Schedulers.boundedElastic())
			.map((tick) -> change(token, caller))
			.filter((why) -> !why.isEmpty())
			.next();
		Mono<String> end = Mono.firstWithValue(expiry, signedOut).doOnNext(ended::set);
		return Flux.<Object>from(events).takeUntilOther(end).concatWith(Mono.fromSupplier(ended::get).map((why) -> {
			GraphQLError error = GraphQlErrors.ofRequest(ErrorCode.UNAUTHENTICATED, why, Map.of()).build();
			return ExecutionResult.newExecutionResult().addError(error).build();
		}));
	}

	// why the subscription must end now, or empty when the sign-in stands as it did when it began
	private String change(Jwt token, Caller caller) {
		try {
			Caller now = CallerInterceptor.callerOf(this.signedInUsers.convert(token));
			return now.roles().equals(caller.roles()) ? ""
					: "Your roles have changed; subscribe anew to be answered under them.";
		}
		catch (SignedInUsers.TokenCheckUnavailableException ex) {
			// the store could not be asked: the sign-in is not known to have ended, so the subscription goes on
			return "";
		}
		catch (AuthenticationException ex) {
			return "Your sign-in has ended; sign in again and subscribe anew.";
		}
	}

	private static Duration positive(Duration duration) {
		return duration.isNegative() ? Duration.ZERO : duration;
	}

}
