package io.storefront.gateway.order;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import org.bson.Document;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;

import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/**
 * Products a test creates with the stock it needs, and removes afterwards.
 */
class TestProducts {

	private final MongoOperations mongo;

	private final List<ObjectId> created = new ArrayList<>();

	TestProducts(MongoOperations mongo) {
		this.mongo = mongo;
	}

	/** A listed product with this stock and price; returns its id. */
	String create(int stock, String price) {
		Document product = this.mongo.findById("695b7d900000000000000001", Document.class, "products");
		ObjectId id = new ObjectId();
		product.put("_id", id);
		product.put("sku", "T-" + id.toHexString().toUpperCase());
		product.put("name", "Test product " + this.created.size());
		product.put("category", "Test");
		product.put("stock", stock);
		product.put("price", new Document("amount", new Decimal128(new BigDecimal(price))).append("currency", "USD"));
		this.mongo.insert(product, "products");
		this.created.add(id);
		return id.toHexString();
	}

	int stock(String id) {
		return this.mongo.findById(id, Document.class, "products").getInteger("stock");
	}

	List<?> holds(String id) {
		return this.mongo.findById(id, Document.class, "products").getList("holds", Object.class, List.of());
	}

	void removeAll() {
		this.mongo.remove(Query.query(Criteria.where("_id").in(this.created)), "products");
		this.created.clear();
	}

}
