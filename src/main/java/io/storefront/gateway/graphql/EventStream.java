package io.storefront.gateway.graphql;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import graphql.ExecutionResult;
import graphql.GraphQLError;
import org.reactivestreams.Publisher;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

import org.springframework.graphql.execution.SubscriptionPublisherException;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * A subscription's events as Server-Sent Events, as the GraphQL over SSE protocol ("distinct connections" mode)
 * and Spring for GraphQL's own handler send them: one {@code next} event per result, then {@code complete}. An
 * error that ends the subscription is sent as a last {@code next} with its errors. A client that goes away
 * cancels the subscription.
 */
final class EventStream {

	private EventStream() {
	}

	static ServerResponse of(Publisher<?> events, Duration timeout) {
		return ServerResponse.sse((sse) -> {
			Disposable subscription = Flux.from(events).subscribe(
					(result) -> send(sse, "next", ((ExecutionResult) result).toSpecification()),
					(error) -> {
						send(sse, "next", Map.of("errors", errorsOf(error)));
						complete(sse);
					}, () -> complete(sse));
			sse.onTimeout(subscription::dispose);
			sse.onError((error) -> subscription.dispose());
			sse.onComplete(subscription::dispose);
		}, timeout);
	}

	private static List<Map<String, Object>> errorsOf(Throwable error) {
		List<GraphQLError> errors = (error instanceof SubscriptionPublisherException resolved) ? resolved.getErrors()
				: List.of(GraphQlErrors.internal("subscription").build());
		return errors.stream().map(GraphQLError::toSpecification).toList();
	}

	private static void complete(ServerResponse.SseBuilder sse) {
		send(sse, "complete", "");
		sse.complete();
	}

	private static void send(ServerResponse.SseBuilder sse, String event, Object data) {
		try {
			sse.event(event).data(data);
		}
		catch (IOException ex) {
			// the client is gone; onError cancels the subscription
			sse.error(ex);
		}
	}

}
