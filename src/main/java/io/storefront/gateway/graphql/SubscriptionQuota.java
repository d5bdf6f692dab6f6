package io.storefront.gateway.graphql;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import graphql.ExecutionResult;
import graphql.GraphQLError;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import io.storefront.gateway.kernel.ClientAddress;
import io.storefront.gateway.kernel.ErrorCode;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.server.WebSocketGraphQlRequest;
import org.springframework.stereotype.Component;

/**
 * Caps the subscriptions one client holds open: per WebSocket connection, and per client address over every
 * connection and event stream. A subscription over a cap is answered with one {@code TOO_MANY_REQUESTS} error and
 * ends before it listens to anything; one that ends, however it ends, gives its place back.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE)
class SubscriptionQuota implements WebGraphQlInterceptor {

	private final GatewayProperties.Subscriptions limits;

	private final ClientAddressResolver clients;

	private final Map<String, Integer> perConnection = new ConcurrentHashMap<>();

	private final Map<String, Integer> perAddress = new ConcurrentHashMap<>();

	SubscriptionQuota(GatewayProperties properties) {
		this.limits = properties.subscriptions();
		this.clients = new ClientAddressResolver(properties.trustedProxies());
	}

	@Override
	public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
		return chain.next(request).map((response) -> {
			if (!(response.getExecutionResult().getData() instanceof Publisher<?> events)) {
				return response;
			}
			String connection = (request instanceof WebSocketGraphQlRequest socket) ? socket.getSessionInfo().getId()
					: null;
			String address = addressOf(request, response);
			// counted from the moment it is subscribed to, so that one the transport refuses to stream never counts
			Flux<Object> counted = Flux.defer(() -> {
				String refusal = take(connection, address);
				if (refusal != null) {
					GraphQLError error = GraphQlErrors.ofRequest(ErrorCode.TOO_MANY_REQUESTS, refusal, Map.of()).build();
					return Flux.just(ExecutionResult.newExecutionResult().addError(error).build());
				}
				return Flux.<Object>from(events).doFinally((signal) -> giveBack(connection, address));
			});
			return response.transform((builder) -> builder.data(counted));
		});
	}

	// the address the transport resolved for HTTP; for WebSocket, the handshake's, by the same trusted proxies
	private String addressOf(WebGraphQlRequest request, WebGraphQlResponse response) {
		ClientAddress known = response.getExecutionInput().getGraphQLContext().get(ClientAddress.CONTEXT_KEY);
		if (known != null) {
			return known.address();
		}
		if (request instanceof WebSocketGraphQlRequest socket) {
			InetSocketAddress peer = socket.getSessionInfo().getRemoteAddress();
			List<String> forwarded = socket.getSessionInfo().getHeaders().getValuesAsList("X-Forwarded-For");
			return this.clients.resolve((peer != null) ? peer.getAddress().getHostAddress() : null, forwarded)
				.address();
		}
		return ClientAddress.UNKNOWN.address();
	}

	private synchronized @Nullable String take(@Nullable String connection, String address) {
		if (connection != null && this.perConnection.getOrDefault(connection, 0) >= this.limits.maxPerConnection()) {
			return "This connection has " + this.limits.maxPerConnection()
					+ " subscriptions open, as many as one may; end one first.";
		}
		if (this.perAddress.getOrDefault(address, 0) >= this.limits.maxPerAddress()) {
			return "Your address has " + this.limits.maxPerAddress()
					+ " subscriptions open, as many as one may; end one first.";
		}
		if (connection != null) {
			this.perConnection.merge(connection, 1, Integer::sum);
		}
		this.perAddress.merge(address, 1, Integer::sum);
		return null;
	}

	private synchronized void giveBack(@Nullable String connection, String address) {
		if (connection != null) {
			this.perConnection.computeIfPresent(connection, (key, open) -> (open > 1) ? open - 1 : null);
		}
		this.perAddress.computeIfPresent(address, (key, open) -> (open > 1) ? open - 1 : null);
	}

}
