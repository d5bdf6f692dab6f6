package io.storefront.gateway.order;

import java.time.Clock;
import java.time.ZoneOffset;

import org.bson.Document;

import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Human-friendly order numbers such as {@code SF-2026-000042}, from one counter document incremented atomically,
 * so any number of gateways hand out each number once. A checkout that fails leaves a gap, never a duplicate.
 */
@Component
class OrderNumbers {

	private final MongoOperations mongo;

	private final Clock clock;

	OrderNumbers(MongoOperations mongo, Clock clock) {
		this.mongo = mongo;
		this.clock = clock;
	}

	String next() {
		Document counter = this.mongo.findAndModify(Query.query(Criteria.where("_id").is("orderNumber")),
				new Update().inc("value", 1L), FindAndModifyOptions.options().upsert(true).returnNew(true),
				Document.class, "counters");
		long value = ((Number) counter.get("value")).longValue();
		return "SF-%d-%06d".formatted(this.clock.instant().atZone(ZoneOffset.UTC).getYear(), value);
	}

}
