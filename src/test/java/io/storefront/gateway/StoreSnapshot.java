package io.storefront.gateway;

import java.util.Comparator;
import java.util.List;

import org.bson.Document;

import org.springframework.data.mongodb.core.MongoOperations;

/**
 * Every document of some collections, as extended JSON, to prove that a refused request changed nothing.
 */
public record StoreSnapshot(List<String> documents) {

	public static StoreSnapshot of(MongoOperations mongo, String... collections) {
		List<String> documents = java.util.Arrays.stream(collections)
			.flatMap((collection) -> mongo.findAll(Document.class, collection)
				.stream()
				.map((document) -> collection + " " + document.toJson()))
			.sorted(Comparator.naturalOrder())
			.toList();
		return new StoreSnapshot(documents);
	}

}
