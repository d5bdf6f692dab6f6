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
 * error that ends the subscription is sent as a last {@code next} with its errors. An empty comment is sent every
 * keep-alive ({@code : keep-alive}), so that a client that goes away is noticed and its subscription cancelled.
 */
final class EventStream {

	private EventStream() {
	}

	static ServerResponse of(Publisher<?> events, Duration timeout, Duration keepAlive) {
		return ServerResponse.sse((sse) -> {
			// the headers go out at once, not with the first event, which may be long in coming
			synchronized (sse) {
				try {
					sse.comment("subscribed").send();
				}
				catch (IOException ex) {
					sse.error(ex);
					return;
				}
			}
			Disposable subscription = Flux.from(events).subscribe(
					(result) -> send(sse, "next", ((ExecutionResult) result).toSpecification()),
					(error) -> {
						send(sse, "next", Map.of("errors", errorsOf(error)));
						complete(sse);
					}, () -> complete(sse));
			// a comment now and then: a client that went away is noticed at the next write, not at the timeout
			Disposable heartbeat = Flux.interval(keepAlive).subscribe((tick) -> {
				synchronized (sse) {
					try {
						sse.comment("keep-alive").send();
					}
					catch (IOException ex) {
						sse.error(ex);
					}
				}
			});
			Runnable end = () -> {
				subscription.dispose();
				heartbeat.dispose();
			};
			sse.onTimeout(end);
			sse.onError((error) -> end.run());
			sse.onComplete(end);
		}, timeout);
	}

	private static List<Map<String, Object>> errorsOf(Throwable error) {
		List<GraphQLError> errors = (error instanceof SubscriptionPublisherException resolved) ? resolved.getErrors()
				: List.of(GraphQlErrors.internal("subscription").build());
		return errors.stream().map(GraphQLError::toSpecification).toList();
	}

	private static void complete(ServerResponse.SseBuilder sse) {
		synchronized (sse) {
			send(sse, "complete", "");
			sse.complete();
		}
	}

	// events and keep-alives are written from different threads, one whole event at a time
	private static void send(ServerResponse.SseBuilder sse, String event, Object data) {
		synchronized (sse) {
			try {
				sse.event(event).data(data);
			}
			catch (IOException ex) {
				// the client is gone; onError cancels the subscription
				sse.error(ex);
			}
		}
	}

}
