package io.storefront.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

import org.springframework.core.io.ClassPathResource;
import org.springframework.graphql.ResponseError;
import org.springframework.graphql.client.ClientGraphQlResponse;
import org.springframework.graphql.client.SubscriptionErrorException;
import org.springframework.graphql.client.WebSocketGraphQlClient;
import org.springframework.graphql.client.WebSocketGraphQlClientInterceptor;
import org.springframework.web.reactive.socket.client.StandardWebSocketClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A GraphQL client over WebSocket ({@code graphql-transport-ws}), as Apollo Client and urql connect: a token, if
 * any, goes in the connection's init payload. {@link #subscribe} collects what a subscription sends.
 */
public final class LiveClient {

	static final Duration WAIT = Duration.ofSeconds(10);

	private LiveClient() {
	}

	public static WebSocketGraphQlClient connect(int port, @Nullable String token) {
		WebSocketGraphQlClient.Builder<?> builder = WebSocketGraphQlClient
			.builder("ws://localhost:" + port + "/graphql", new StandardWebSocketClient());
		if (token != null) {
			builder.interceptor(new WebSocketGraphQlClientInterceptor() {

				@Override
				public Mono<Object> connectionInitPayload() {
					return Mono.just(Map.of("Authorization", "Bearer " + token));
				}

			});
		}
		return builder.build();
	}

	/** The text of a test document, {@code graphql-test/<name>.graphql}. */
	public static String document(String name) {
		try {
			return new ClassPathResource("graphql-test/" + name + ".graphql").getContentAsString(StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Subscribes and keeps what arrives; {@link Events#next} waits for the next response. */
	public static Events subscribe(WebSocketGraphQlClient client, String document, Map<String, Object> variables) {
		Events events = new Events();
		events.subscription = client.document(document)
			.variables(variables)
			.executeSubscription()
			.subscribe((response) -> {
				events.arrivals.add(System.nanoTime());
				events.responses.add(response);
			}, (error) -> events.failure = error, () -> events.completed = true);
		return events;
	}

	/**
	 * Waits until the gateway's subscriptions listening for changes number this many: a subscription that sends
	 * nothing at first is known to hear every change made from then on once it is counted.
	 */
	public static void awaitListening(MeterRegistry meters, double count) {
		Await.until("subscriptions listening: " + count, WAIT, () -> listening(meters) == count);
	}

	private static double listening(MeterRegistry meters) {
		Gauge gauge = meters.find("storefront.subscriptions.listening").gauge();
		return (gauge != null) ? gauge.value() : 0;
	}

	/** What one subscription has sent so far. */
	public static final class Events {

		final BlockingQueue<ClientGraphQlResponse> responses = new LinkedBlockingQueue<>();

		// when each response arrived (System.nanoTime), in the same order
		final BlockingQueue<Long> arrivals = new LinkedBlockingQueue<>();

		volatile @Nullable Throwable failure;

		volatile boolean completed;

		@Nullable Disposable subscription;

		/** The next response, waiting for it up to ten seconds. */
		public ClientGraphQlResponse next() {
			try {
				ClientGraphQlResponse response = this.responses.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
				assertThat(response).as("a response within " + WAIT + " (failure: " + this.failure + ")").isNotNull();
				this.arrivals.poll();
				return response;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}

		/**
		 * The errors the subscription was answered with first: those of its first response, or those it was ended
		 * with (graphql-transport-ws's {@code error} message, for a subscription refused before it started).
		 */
		public List<ResponseError> firstErrors() {
			Await.until("an answer", WAIT, () -> !this.responses.isEmpty() || this.failure != null);
			ClientGraphQlResponse response = this.responses.peek();
			if (response != null) {
				return response.getErrors();
			}
			assertThat(this.failure).isInstanceOf(SubscriptionErrorException.class);
			return ((SubscriptionErrorException) this.failure).getErrors();
		}

		/** Nothing more arrives within this time. */
		public void nothingWithin(Duration quiet) {
			try {
				assertThat(this.responses.poll(quiet.toMillis(), TimeUnit.MILLISECONDS)).isNull();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}

		/** Waits until the gateway ends the subscription, without an error. */
		public void awaitCompleted() {
			Await.until("the subscription's end", WAIT, () -> this.completed || this.failure != null);
			assertThat(this.failure).isNull();
		}

		/** When the next response arrived (System.nanoTime), waiting for it up to ten seconds. */
		public long nextArrival() {
			try {
				Long arrival = this.arrivals.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
				assertThat(arrival).as("a response within " + WAIT).isNotNull();
				this.responses.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
				return arrival;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}

		/** Waits until the subscription fails, and returns why. */
		public Throwable awaitFailure() {
			Await.until("the subscription's failure", WAIT, () -> this.failure != null);
			return this.failure;
		}

		public void cancel() {
			if (this.subscription != null) {
				this.subscription.dispose();
			}
		}

	}

}
