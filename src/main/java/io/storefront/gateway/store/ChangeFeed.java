package io.storefront.gateway.store;

import java.util.Set;

import reactor.core.publisher.Flux;

/**
 * Changes to documents as every gateway on the same store hears of them, for subscriptions: a change made
 * through any gateway reaches the subscribers of all of them.
 */
public interface ChangeFeed {

	/** Tells every gateway that the document with this id in this collection changed. */
	void changed(String collection, String id);

	/**
	 * The ids among these of the documents of this collection that change from now on, as they change; a
	 * subscriber reads the documents themselves, so a change announced twice costs a read, never a wrong answer.
	 */
	Flux<String> changes(String collection, Set<String> ids);

}
