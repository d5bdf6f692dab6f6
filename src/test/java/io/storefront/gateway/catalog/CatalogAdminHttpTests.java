package io.storefront.gateway.catalog;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.storefront.gateway.DemoUsers;
import io.storefront.gateway.ErrorAssertions;
import io.storefront.gateway.GatewayHttpTest;
import io.storefront.gateway.StoreSnapshot;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The catalog mutations an admin runs: what they write, and every invalid input refused with the field named
 * and the store unchanged.
 */
@GatewayHttpTest
class CatalogAdminHttpTests {

	@LocalServerPort
	int port;

	@Autowired
	MongoOperations mongo;

	@Autowired
	Products products;

	HttpGraphQlTester admin;

	@BeforeEach
	void signIn() {
		this.admin = DemoUsers.ADMIN.graphQl(this.port);
	}

	@AfterEach
	void removeTestProducts() {
		this.mongo.remove(Query.query(Criteria.where("sku").regex("^ADM-")), Product.class);
	}

	static Map<String, Object> validInput(String sku) {
		Map<String, Object> input = new HashMap<>();
		input.put("sku", sku);
		input.put("name", " Milk Frother ");
		input.put("description", "Froths milk.");
		input.put("price", Map.of("amount", "24.50", "currency", "USD"));
		input.put("category", "Kitchen");
		input.put("imageUrl", "https://images.storefront.example/adm.jpg");
		input.put("stock", 7);
		input.put("cost", Map.of("amount", "11", "currency", "USD"));
		return input;
	}

	@Test
	void createProductStoresWhatWasGiven() {
		this.admin.documentName("createProduct")
			.variable("input", validInput("ADM-1"))
			.execute()
			.errors()
			.verify()
			.path("createProduct")
			.matchesJson("""
					{"sku": "ADM-1", "name": "Milk Frother", "description": "Froths milk.",
					 "price": {"amount": "24.50", "currency": "USD"}, "category": "Kitchen",
					 "imageUrl": "https://images.storefront.example/adm.jpg", "inStock": true, "stock": 7,
					 "cost": {"amount": "11.00", "currency": "USD"}}""");

		Product stored = this.products.findAll().stream().filter((p) -> p.sku().equals("ADM-1")).findFirst().orElseThrow();
		assertThat(stored.price().amount()).isEqualByComparingTo("24.50");
		assertThat(stored.archived()).isFalse();
		assertThat(stored.createdAt()).isEqualTo(stored.updatedAt());
		org.bson.Document raw = this.mongo.findById(stored.id(), org.bson.Document.class, "products");
		assertThat(raw.get("price", org.bson.Document.class).get("amount"))
			.isEqualTo(new org.bson.types.Decimal128(new java.math.BigDecimal("24.50")));
		assertThat(raw.get("cost", org.bson.Document.class).get("amount"))
			.isEqualTo(new org.bson.types.Decimal128(new java.math.BigDecimal("11.00")));
	}

	@Test
	void duplicateSkuIsAConflict() {
		refused("createProduct", Map.of("input", validInput("COF-001")), "CONFLICT", "input.sku");
	}

	static List<Object[]> invalidInputs() {
		return List.of(new Object[] { "sku", "lower-case", "input.sku" }, new Object[] { "sku", "AB", "input.sku" },
				new Object[] { "sku", "{\"$gt\": \"\"}", "input.sku" }, new Object[] { "name", "  ", "input.name" },
				new Object[] { "name", "n".repeat(201), "input.name" },
				new Object[] { "description", "d".repeat(5001), "input.description" },
				new Object[] { "category", "", "input.category" },
				new Object[] { "price", Map.of("amount", "-1", "currency", "USD"), "input.price.amount" },
				new Object[] { "price", Map.of("amount", "1.999", "currency", "USD"), "input.price.amount" },
				new Object[] { "price", Map.of("amount", "1000000.01", "currency", "USD"), "input.price.amount" },
				new Object[] { "price", Map.of("amount", "1", "currency", "EUR"), "input.price.currency" },
				new Object[] { "cost", Map.of("amount", "-0.01", "currency", "USD"), "input.cost.amount" },
				new Object[] { "imageUrl", "ftp://images.storefront.example/x.jpg", "input.imageUrl" });
	}

	@ParameterizedTest
	@MethodSource("invalidInputs")
	void invalidProductIsRefused(String key, Object value, String field) {
		Map<String, Object> input = validInput("ADM-2");
		input.put(key, value);
		refused("createProduct", Map.of("input", input), "BAD_USER_INPUT", field);
	}

	@Test
	void valuesTheScalarsRejectAreRefusedBeforeExecution() {
		for (Map.Entry<String, Object> bad : Map.<String, Object>of("stock", -1, "imageUrl", "not a url", "price",
				Map.of("amount", "1", "currency", "XYZ")).entrySet()) {
			Map<String, Object> input = validInput("ADM-3");
			input.put(bad.getKey(), bad.getValue());
			refused("createProduct", Map.of("input", input), "BAD_USER_INPUT", null);
		}
	}

	@Test
	void updateChangesOnlyTheGivenFields() {
		String id = create("ADM-4");

		this.admin.documentName("updateProduct")
			.variable("id", id)
			.variable("input", Map.of("name", "Better Frother", "price", Map.of("amount", "19.99", "currency", "USD")))
			.execute()
			.errors()
			.verify()
			.path("updateProduct")
			.matchesJson("""
					{"sku": "ADM-4", "name": "Better Frother", "description": "Froths milk.",
					 "price": {"amount": "19.99"}, "category": "Kitchen", "cost": {"amount": "11.00"}}""");
		Product stored = this.products.findById(id).orElseThrow();
		assertThat(stored.updatedAt()).isAfterOrEqualTo(stored.createdAt());
		assertThat(stored.stock()).isEqualTo(7);
	}

	@Test
	void updateOfUnknownOrMalformedIdIsRefused() {
		refused("updateProduct", Map.of("id", new ObjectId().toHexString(), "input", Map.of("name", "X")), "NOT_FOUND",
				"id");
		refused("updateProduct", Map.of("id", "x", "input", Map.of("name", "X")), "BAD_USER_INPUT", "id");
		refused("updateProduct", Map.of("id", create("ADM-5"), "input", Map.of("name", "")), "BAD_USER_INPUT",
				"input.name");
	}

	@Test
	void archivedProductLeavesTheListing() {
		String id = create("ADM-6");

		this.admin.documentName("archiveProduct").variable("id", id).execute().path("archiveProduct.sku")
			.entity(String.class).isEqualTo("ADM-6");

		assertThat(this.products.findById(id).orElseThrow().archived()).isTrue();
		this.admin.document("{ products(first: 100, filter: {category: \"Kitchen\"}) { edges { node { sku } } } }")
			.execute()
			.path("products.edges[*].node.sku")
			.entityList(String.class)
			.doesNotContain("ADM-6");
	}

	@Test
	void stockMovesAtomicallyAndNeverBelowZero() {
		String id = create("ADM-7");

		this.admin.documentName("adjustStock").variable("productId", id).variable("delta", 5).execute()
			.path("adjustStock.stock").entity(Integer.class).isEqualTo(12);
		this.admin.documentName("adjustStock").variable("productId", id).variable("delta", -12).execute()
			.path("adjustStock").matchesJson("{\"stock\": 0, \"inStock\": false}");
		refused("adjustStock", Map.of("productId", id, "delta", -1), "BAD_USER_INPUT", "delta");
		refused("adjustStock", Map.of("productId", id, "delta", 2_000_000), "BAD_USER_INPUT", "delta");
		refused("adjustStock", Map.of("productId", new ObjectId().toHexString(), "delta", 1), "NOT_FOUND",
				"productId");

		assertThat(this.products.findById(id).orElseThrow().stock()).isZero();
	}

	@Test
	void stockNeverGrowsPastWhatAnIntHolds() {
		Map<String, Object> huge = validInput("ADM-8");
		huge.put("stock", Integer.MAX_VALUE);
		refused("createProduct", Map.of("input", huge), "BAD_USER_INPUT", "input.stock");
		Map<String, Object> full = validInput("ADM-8");
		full.put("stock", 1_000_000_000);
		String id = this.admin.documentName("createProduct").variable("input", full).execute()
			.path("createProduct.id").entity(String.class).get();

		refused("adjustStock", Map.of("productId", id, "delta", 1), "BAD_USER_INPUT", "delta");

		assertThat(this.products.findById(id).orElseThrow().stock()).isEqualTo(1_000_000_000);
	}

	@Test
	void amountsTheStoreCannotHoldAreRefused() {
		for (String amount : new String[] { "1e999999999", "12345678901234567890123456789012345", "1e-7000" }) {
			Map<String, Object> input = validInput("ADM-9");
			input.put("price", Map.of("amount", new java.math.BigDecimal(amount), "currency", "USD"));
			refused("createProduct", Map.of("input", input), "BAD_USER_INPUT", null);
		}
		for (String amount : new String[] { "1e6000", "0.001" }) {
			Map<String, Object> input = validInput("ADM-9");
			input.put("price", Map.of("amount", new java.math.BigDecimal(amount), "currency", "USD"));
			refused("createProduct", Map.of("input", input), "BAD_USER_INPUT", "input.price.amount");
		}
	}

	private String create(String sku) {
		return this.admin.documentName("createProduct")
			.variable("input", validInput(sku))
			.execute()
			.path("createProduct.id")
			.entity(String.class)
			.get();
	}

	private void refused(String document, Map<String, Object> variables, String code, String field) {
		StoreSnapshot before = StoreSnapshot.of(this.mongo, "products");

		HttpGraphQlTester.Request<?> request = this.admin.documentName(document);
		variables.forEach(request::variable);
		request.execute()
			.errors()
			.satisfy((errors) -> ErrorAssertions.single(errors, code, field, (field != null) ? document : ""));

		assertThat(StoreSnapshot.of(this.mongo, "products")).isEqualTo(before);
	}

}
