package io.storefront.gateway.catalog;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

import org.bson.types.ObjectId;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.storefront.gateway.GatewayClient;
import io.storefront.gateway.GatewayHttpTest;
import io.storefront.gateway.StoreSnapshot;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.graphql.ResponseError;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The catalog over HTTP: complete keyset walks in every order, every filter, and every malformed argument
 * refused with a coded error and no change to the store.
 */
@GatewayHttpTest
@ExtendWith(OutputCaptureExtension.class)
class CatalogHttpTests {

	@LocalServerPort
	int port;

	@Autowired
	Products products;

	@Autowired
	MongoOperations mongo;

	HttpGraphQlTester graphQl;

	@BeforeEach
	void connect() {
		this.graphQl = GatewayClient.graphQl(this.port);
	}

	@ParameterizedTest
	@EnumSource(ProductSort.class)
	void walkingEveryPageShowsEveryListedProductOnceInOrder(ProductSort sort) {
		List<String> expected = listed(sort, (product) -> true);

		List<String> walked = walk(sort, Map.of(), 7, () -> {
		});

		assertThat(expected).hasSizeGreaterThanOrEqualTo(60);
		assertThat(walked).containsExactlyElementsOf(expected);
	}

	@ParameterizedTest
	@EnumSource(ProductSort.class)
	void productsAddedDuringAWalkNeitherRepeatNorHideExistingOnes(ProductSort sort) {
		List<String> before = listed(sort, (product) -> true);
		List<Product> added = new ArrayList<>();
		try {
			List<String> walked = walk(sort, Map.of(), 10, () -> {
				for (int i = 0; i < 5; i++) {
					added.add(this.products.save(newProduct("WALK-" + sort + "-" + i, "Aardvark " + i,
							new BigDecimal("50.0" + i), Instant.now())));
				}
			});

			assertThat(new HashSet<>(walked)).hasSameSizeAs(walked);
			assertThat(walked).containsAll(before);
			assertThat(walked).isSubsetOf(listed(sort, (product) -> true));
		}
		finally {
			this.products.deleteAll(added);
		}
	}

	@Test
	void firstPageSaysWhereItIs() {
		GraphQlTester.Traversable page = page(ProductSort.NEWEST, Map.of(), 3, null);

		List<String> cursors = page.path("products.edges[*].cursor").entityList(String.class).get();
		page.path("products.pageInfo.hasNextPage").entity(Boolean.class).isEqualTo(true);
		page.path("products.pageInfo.hasPreviousPage").entity(Boolean.class).isEqualTo(false);
		page.path("products.pageInfo.startCursor").entity(String.class).isEqualTo(cursors.get(0));
		page.path("products.pageInfo.endCursor").entity(String.class).isEqualTo(cursors.get(2));
	}

	@Test
	void lastPageHasNoNextPage() {
		List<String> all = listed(ProductSort.PRICE_ASC, (product) -> true);

		GraphQlTester.Traversable page = page(ProductSort.PRICE_ASC, Map.of(), 100, null);

		page.path("products.edges[*].node.sku").entityList(String.class).isEqualTo(all);
		page.path("products.pageInfo.hasNextPage").entity(Boolean.class).isEqualTo(false);
	}

	@Test
	void defaultPageIsTwentyNewestProducts() {
		this.graphQl.document("{ products { edges { node { sku } } } }")
			.execute()
			.path("products.edges[*].node.sku")
			.entityList(String.class)
			.isEqualTo(listed(ProductSort.NEWEST, (product) -> true).subList(0, 20));
	}

	@Test
	void productPageShowsEveryField() {
		Product espresso = this.products.findById(DemoCatalog.demoId(0)).orElseThrow();

		GraphQlTester.Response response = this.graphQl.documentName("productPage")
			.variable("id", espresso.id())
			.execute();

		response.path("product").matchesJson("""
				{
				  "id": "%s",
				  "sku": "COF-001",
				  "name": "Espresso Beans",
				  "description": "Espresso Beans from our coffee range. Demo product number 1.",
				  "price": { "amount": "4.99", "currency": "USD" },
				  "category": "Coffee",
				  "imageUrl": "https://images.storefront.example/products/cof-001.jpg",
				  "inStock": true,
				  "createdAt": "2026-01-05T09:00:00.000Z",
				  "updatedAt": "2026-01-05T09:00:00.000Z"
				}
				""".formatted(espresso.id()));
	}

	@Test
	void soldOutProductIsNotInStock() {
		Product soldOut = this.products.findById(DemoCatalog.demoId(3)).orElseThrow();
		assertThat(soldOut.stock()).isZero();

		this.graphQl.documentName("productPage")
			.variable("id", soldOut.id())
			.execute()
			.path("product.inStock")
			.entity(Boolean.class)
			.isEqualTo(false);
	}

	@Test
	void unknownIdIsNullWithoutError() {
		this.graphQl.documentName("productPage")
			.variable("id", new ObjectId().toHexString())
			.execute()
			.errors()
			.verify()
			.path("product")
			.valueIsNull();
	}

	@Test
	void archivedProductLeavesListingsButStaysReadable() {
		Product archived = this.products.save(newProduct("ARCHIVED-1", "Archived Kettle", new BigDecimal("12.00"),
				Instant.now()).archivedAt(Instant.now()));
		try {
			assertThat(walk(ProductSort.NEWEST, Map.of(), 100, () -> {
			})).doesNotContain("ARCHIVED-1");
			this.graphQl.documentName("productPage")
				.variable("id", archived.id())
				.execute()
				.path("product.sku")
				.entity(String.class)
				.isEqualTo("ARCHIVED-1");
		}
		finally {
			this.products.delete(archived);
		}
	}

	@Test
	void categoryFilter() {
		assertFilter(Map.of("category", "Tea"), (product) -> product.category().equals("Tea"), 9);
	}

	@Test
	void searchFilterMatchesNameOrDescriptionIgnoringCase() {
		assertFilter(Map.of("search", "rOaSt"), (product) -> contains(product, "roast"), -1);
		assertFilter(Map.of("search", "coffee range"), (product) -> product.category().equals("Coffee"), 9);
	}

	@Test
	void priceFilters() {
		assertFilter(Map.of("minPrice", "100"), (product) -> price(product).compareTo(new BigDecimal("100")) >= 0,
				-1);
		assertFilter(Map.of("maxPrice", "50.5"), (product) -> price(product).compareTo(new BigDecimal("50.5")) <= 0,
				-1);
		assertFilter(Map.of("minPrice", "4.99", "maxPrice", "4.99"), (product) -> product.sku().equals("COF-001"), 1);
	}

	@Test
	void inStockFilter() {
		assertFilter(Map.of("inStock", true), Product::inStock, -1);
		assertFilter(Map.of("inStock", false), (product) -> !product.inStock(), 10);
	}

	@Test
	void filtersCombine() {
		Map<String, Object> filter = Map.of("category", "Kitchen", "search", "e", "minPrice", "20", "maxPrice", "150",
				"inStock", true);
		assertFilter(filter, (product) -> product.category().equals("Kitchen") && contains(product, "e")
				&& price(product).compareTo(new BigDecimal("20")) >= 0
				&& price(product).compareTo(new BigDecimal("150")) <= 0 && product.inStock(), -1);
	}

	@Test
	void minPriceAboveMaxPriceIsEmpty() {
		assertFilter(Map.of("minPrice", "100", "maxPrice", "10"), (product) -> false, 0);
	}

	@Test
	void searchTakesRegexMetacharactersLiterally() {
		assertFilter(Map.of("search", "Pour-Over"), (product) -> product.sku().equals("KIT-003"), 1);
		for (String search : List.of(".*", "^E", "Beans$", "[a-z]+", "(", ")", "\\", "a|b", "e+", "{1}", "$where",
				"{\"$gt\": \"\"}", "\\E.*\\Q", "?", "*")) {
			assertFilter(Map.of("search", search), (product) -> contains(product, search.toLowerCase(Locale.ROOT)), 0);
		}
	}

	@Test
	void searchOperationFindsMatchesInStockCheapestFirst() {
		List<String> expected = listed(ProductSort.PRICE_ASC, (product) -> contains(product, "tea") && product.inStock()
				&& price(product).compareTo(new BigDecimal("150")) <= 0);

		this.graphQl.documentName("searchProducts")
			.variable("text", "TEA")
			.variable("maxPrice", "150")
			.execute()
			.path("products.edges[*].node.id")
			.entityList(String.class)
			.isEqualTo(expected.subList(0, Math.min(12, expected.size()))
				.stream()
				.map((sku) -> this.products.findAll().stream().filter((p) -> p.sku().equals(sku)).findFirst().orElseThrow().id())
				.toList());
	}

	@Test
	void blankSearchIsNoFilter() {
		assertFilter(Map.of("search", "  "), (product) -> true, -1);
	}

	@ParameterizedTest
	@ValueSource(ints = { 0, -1, 101, Integer.MAX_VALUE, Integer.MIN_VALUE })
	void firstOutOfRangeIsRefused(int first) {
		assertRefused(Map.of("first", first), "first");
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "not a cursor", "!!!!", "W10", "e30", "WyJ4Il0", "bnVsbA",
			// [["price.amount","d","1"],["id","s","x"]]: keys of another order
			"W1sicHJpY2UuYW1vdW50IiwiZCIsIjEiXSxbImlkIiwicyIsIngiXV0",
			// [["$where","s","1"],["id","s","x"]]: an operator as a key
			"W1siJHdoZXJlIiwicyIsIjEiXSxbImlkIiwicyIsIngiXV0",
			// [["createdAt","t","yesterday"],["id","s","000000000000000000000001"]]: a bad instant
			"W1siY3JlYXRlZEF0IiwidCIsInllc3RlcmRheSJdLFsiaWQiLCJzIiwiMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAxIl1d",
			// [["createdAt","t","2026-01-01T00:00:00Z"],["id","s","{\"$gt\":\"\"}"]]: an operator as the id
			"W1siY3JlYXRlZEF0IiwidCIsIjIwMjYtMDEtMDFUMDA6MDA6MDBaIl0sWyJpZCIsInMiLCJ7XCIkZ3RcIjpcIlwifSJdXQ" })
	void malformedCursorIsRefused(String cursor) {
		assertRefused(Map.of("after", cursor), "after");
	}

	@ParameterizedTest
	@ValueSource(strings = {
			// [["createdAt","t","+1000000000-01-01T00:00:00Z"],["id","s","695b7d900000000000000001"]]: past any BSON date
			"W1siY3JlYXRlZEF0IiwidCIsIisxMDAwMDAwMDAwLTAxLTAxVDAwOjAwOjAwWiJdLFsiaWQiLCJzIiwiNjk1YjdkOTAwMDAwMDAwMDAwMDAwMDAxIl1d",
			// [["createdAt","t","-999999999-01-01T00:00:00Z"],["id","s","695b7d900000000000000001"]]
			"W1siY3JlYXRlZEF0IiwidCIsIi05OTk5OTk5OTktMDEtMDFUMDA6MDA6MDBaIl0sWyJpZCIsInMiLCI2OTViN2Q5MDAwMDAwMDAwMDAwMDAwMDEiXV0" })
	void aForgedCursorWithAnInstantOutOfRangeIsRefused(String cursor, CapturedOutput log) {
		assertRefused(Map.of("after", cursor), "after");
		assertThat(log.getAll()).doesNotContain("Internal error", "Exception");
	}

	@ParameterizedTest
	@ValueSource(strings = { "1e999999999", "12345678901234567890123456789012345", "1e-7000" })
	void aForgedCursorWithADecimalOutOfRangeIsRefused(String decimal, CapturedOutput log) {
		String cursor = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
				("[[\"id\",\"s\",\"695b7d900000000000000001\"],[\"price.amount\",\"d\",\"" + decimal + "\"]]")
					.getBytes(java.nio.charset.StandardCharsets.UTF_8));
		assertRefused(Map.of("after", cursor, "sort", "PRICE_ASC"), "after");
		assertThat(log.getAll()).doesNotContain("Internal error", "Exception");
	}

	@ParameterizedTest
	@ValueSource(strings = { "1e999999999", "12345678901234567890123456789012345", "1e-7000", "-1e6145" })
	void decimalsTheStoreCannotHoldAreRefusedAsVariablesAndLiterals(String decimal, CapturedOutput log) {
		StoreSnapshot before = StoreSnapshot.of(this.mongo, "products");

		this.graphQl.documentName("productsPage")
			.variable("filter", Map.of("minPrice", new BigDecimal(decimal)))
			.execute()
			.errors()
			.satisfy((errors) -> io.storefront.gateway.ErrorAssertions.single(errors, "BAD_USER_INPUT", null, ""));
		this.graphQl.document("{ products(filter: {maxPrice: " + decimal + "}) { edges { cursor } } }")
			.execute()
			.errors()
			.satisfy((errors) -> io.storefront.gateway.ErrorAssertions.single(errors, "BAD_USER_INPUT", null, ""));

		assertThat(StoreSnapshot.of(this.mongo, "products")).isEqualTo(before);
		assertThat(log.getAll()).doesNotContain("Internal error", "Exception");
	}

	@Test
	void decimalsTheStoreCanHoldAreAccepted() {
		this.graphQl.document("{ products(filter: {minPrice: 1e6000, maxPrice: 1234567890123456789012345678901234})"
				+ " { edges { cursor } } }")
			.execute()
			.errors()
			.verify()
			.path("products.edges")
			.entityList(Object.class)
			.hasSize(0);
	}

	@Test
	void cursorOfAnotherOrderIsRefused() {
		String priceCursor = page(ProductSort.PRICE_ASC, Map.of(), 2, null).path("products.pageInfo.endCursor")
			.entity(String.class)
			.get();

		assertRefused(Map.of("after", priceCursor, "sort", "NEWEST"), "after");
	}

	@Test
	void negativePriceBoundsAreRefused() {
		assertRefused(Map.of("filter", Map.of("minPrice", "-0.01")), "filter.minPrice");
		assertRefused(Map.of("filter", Map.of("maxPrice", "-5")), "filter.maxPrice");
	}

	@Test
	void overlongSearchIsRefused() {
		assertRefused(Map.of("filter", Map.of("search", "x".repeat(101))), "filter.search");
	}

	@ParameterizedTest
	@ValueSource(strings = { "zzz", "123", "", "{\"$gt\": \"\"}", "000000000000000000000000000", "../products" })
	void malformedIdIsRefused(String id) {
		StoreSnapshot before = StoreSnapshot.of(this.mongo, "products");

		this.graphQl.documentName("productPage")
			.variable("id", id)
			.execute()
			.errors()
			.satisfy((errors) -> assertSingleInputError(errors, "id", List.of("product")))
			.path("product")
			.valueIsNull();

		assertThat(StoreSnapshot.of(this.mongo, "products")).isEqualTo(before);
	}

	@Test
	void wrongArgumentTypeIsAValidationError() {
		this.graphQl.document("{ products(first: \"ten\") { edges { cursor } } }")
			.execute()
			.errors()
			.satisfy((errors) -> {
				assertThat(errors).hasSize(1);
				assertThat(errors.get(0).getExtensions()).containsEntry("code", "BAD_USER_INPUT")
					.containsEntry("classification", "BAD_REQUEST");
			});
	}

	private void assertRefused(Map<String, Object> variables, String field) {
		StoreSnapshot before = StoreSnapshot.of(this.mongo, "products");
		Map<String, Object> all = new LinkedHashMap<>(Map.of("first", 5));
		all.putAll(variables);

		GraphQlTester.Request<?> request = this.graphQl.documentName("productsPage");
		all.forEach(request::variable);
		request.execute().errors().satisfy((errors) -> assertSingleInputError(errors, field, List.of("products")));

		assertThat(StoreSnapshot.of(this.mongo, "products")).isEqualTo(before);
	}

	static void assertSingleInputError(List<ResponseError> errors, String field, List<Object> path) {
		assertThat(errors).hasSize(1);
		ResponseError error = errors.get(0);
		assertThat(error.getExtensions()).containsEntry("code", "BAD_USER_INPUT")
			.containsEntry("classification", "BAD_REQUEST")
			.containsEntry("field", field);
		assertThat(error.getParsedPath()).isEqualTo(path);
		assertThat(error.getMessage()).doesNotContain("Exception", "at io.", "mongo");
	}

	private void assertFilter(Map<String, Object> filter, Predicate<Product> expected, int expectedCount) {
		List<String> wanted = listed(ProductSort.NEWEST, expected);
		if (expectedCount >= 0) {
			assertThat(wanted).hasSize(expectedCount);
		}
		else {
			assertThat(wanted).isNotEmpty();
		}
		assertThat(walk(ProductSort.NEWEST, filter, 4, () -> {
		})).as("filter %s", filter).containsExactlyElementsOf(wanted);
	}

	private List<String> walk(ProductSort sort, Map<String, Object> filter, int pageSize, Runnable afterFirstPage) {
		List<String> skus = new ArrayList<>();
		String after = null;
		for (int pages = 0; pages < 200; pages++) {
			GraphQlTester.Traversable page = page(sort, filter, pageSize, after);
			skus.addAll(page.path("products.edges[*].node.sku").entityList(String.class).get());
			if (pages == 0) {
				afterFirstPage.run();
			}
			if (!page.path("products.pageInfo.hasNextPage").entity(Boolean.class).get()) {
				return skus;
			}
			after = page.path("products.pageInfo.endCursor").entity(String.class).get();
		}
		throw new AssertionError("The walk did not end");
	}

	private GraphQlTester.Traversable page(ProductSort sort, Map<String, Object> filter, int first,
			@Nullable String after) {
		return this.graphQl.documentName("productsPage")
			.variable("first", first)
			.variable("after", after)
			.variable("sort", sort.name())
			.variable("filter", filter)
			.execute()
			.errors()
			.verify();
	}

	private List<String> listed(ProductSort sort, Predicate<Product> filter) {
		Comparator<Product> order = switch (sort) {
			case NEWEST -> Comparator.comparing(Product::createdAt).reversed();
			case PRICE_ASC -> Comparator.comparing(CatalogHttpTests::price);
			case PRICE_DESC -> Comparator.comparing(CatalogHttpTests::price).reversed();
			case NAME_ASC -> Comparator.comparing(Product::name);
		};
		return this.products.findAll()
			.stream()
			.filter((product) -> !product.archived())
			.filter(filter)
			.sorted(order.thenComparing(Product::id))
			.map(Product::sku)
			.toList();
	}

	private static BigDecimal price(Product product) {
		return product.price().amount();
	}

	private static boolean contains(Product product, String text) {
		return product.name().toLowerCase(Locale.ROOT).contains(text)
				|| product.description().toLowerCase(Locale.ROOT).contains(text);
	}

	static Product newProduct(String sku, String name, BigDecimal price, Instant createdAt) {
		Instant at = createdAt.truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
		return new Product(new ObjectId().toHexString(), sku, name, "Added by a test.",
				new Money(price, java.util.Currency.getInstance("USD")), "Test", null, 3,
				new Money(BigDecimal.ONE, java.util.Currency.getInstance("USD")), false, at, at, null);
	}

}
