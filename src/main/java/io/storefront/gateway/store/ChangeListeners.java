package io.storefront.gateway.store;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;

/** The subscribers of one gateway waiting for changes, and what tells them of one. */
final class ChangeListeners {

	/** The gauge of subscriptions listening on this gateway. */
	static final String METRIC = "storefront.subscriptions.listening";

	private final List<Listener> listeners = new CopyOnWriteArrayList<>();

	ChangeListeners(@Nullable MeterRegistry meters) {
		if (meters != null) {
			Gauge.builder(METRIC, this.listeners, List::size)
				.description("Subscriptions this gateway holds that listen to the change feed")
				.register(meters);
		}
	}

	/** A subscriber waiting for changes to some documents of one collection. */
	private record Listener(String collection, Set<String> ids, FluxSink<String> sink) {

	}

	/**
	 * The changes to these documents, from when this is subscribed to; {@code added} runs once the subscriber is
	 * registered, {@code removed} once it is gone.
	 */
	Flux<String> listen(String collection, Set<String> ids, Runnable added, Runnable removed) {
		// registered before this returns to the subscriber, so that every change told from then on reaches it; a
		// slow subscriber buffers its own changes rather than losing them or holding up the others
		return Flux.create((sink) -> {
			Listener listener = new Listener(collection, Set.copyOf(ids), sink);
			this.listeners.add(listener);
			sink.onDispose(() -> {
				this.listeners.remove(listener);
				removed.run();
			});
			added.run();
		}, FluxSink.OverflowStrategy.BUFFER);
	}

	void tell(@Nullable String collection, @Nullable String id) {
		if (collection == null || id == null) {
			// not a change any gateway wrote: nobody listens for it
			return;
		}
		for (Listener listener : this.listeners) {
			if (listener.collection().equals(collection) && listener.ids().contains(id)) {
				listener.sink().next(id);
			}
		}
	}

	boolean isEmpty() {
		return this.listeners.isEmpty();
	}

}
