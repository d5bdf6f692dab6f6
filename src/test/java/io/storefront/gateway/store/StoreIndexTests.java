package io.storefront.gateway.store;

import java.util.List;

import io.storefront.gateway.GatewayHttpTest;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.index.IndexInfo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Indexes are created at start-up from the declarations in code. The embedded store keeps only unique indexes
 * (it accepts and ignores the others), so the listing indexes are asserted where the store reports them.
 */
@GatewayHttpTest
class StoreIndexTests {

	@Autowired
	MongoOperations mongo;

	@Test
	void skuIsUnique() {
		List<IndexInfo> indexes = this.mongo.indexOps("products").getIndexInfo();
		assertThat(indexes).anySatisfy((index) -> {
			assertThat(index.getIndexFields()).singleElement()
				.satisfies((field) -> assertThat(field.getKey()).isEqualTo("sku"));
			assertThat(index.isUnique()).isTrue();
		});

		Document first = this.mongo.findOne(new org.springframework.data.mongodb.core.query.Query(), Document.class,
				"products");
		Document copy = new Document(first);
		copy.remove("_id");
		long before = this.mongo.getCollection("products").countDocuments();
		assertThatExceptionOfType(DuplicateKeyException.class).isThrownBy(() -> this.mongo.insert(copy, "products"));
		assertThat(this.mongo.getCollection("products").countDocuments()).isEqualTo(before);
	}

}
