package io.storefront.gateway.graphql;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.storefront.gateway.DemoUsers;
import io.storefront.gateway.GatewayClient;
import io.storefront.gateway.GatewayHttpTest;
import io.storefront.gateway.MongoCommandLog;
import io.storefront.gateway.StoreSnapshot;
import io.storefront.gateway.kernel.Sha256;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an attacker sends a public GraphQL endpoint, each over real HTTP: every request gets its status and a
 * GraphQL error with a stable code, nothing in the store changes, and the gateway then still answers a normal
 * query correctly.
 */
@GatewayHttpTest
class HostileInputTests {

	static final String ESPRESSO = "695b7d900000000000000001";

	static final String NORMAL = "{\"query\": \"{ product(id: \\\"" + ESPRESSO + "\\\") { name } }\"}";

	static final JsonMapper json = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@Autowired
	MongoOperations mongo;

	@Autowired
	MongoCommandLog commands;

	WebTestClient http;

	@BeforeEach
	void connect() {
		this.http = GatewayClient.http(this.port).mutate().responseTimeout(java.time.Duration.ofSeconds(30)).build();
	}

	/** One hostile request and what it must get. */
	record Attack(String name, HttpMethod method, @Nullable String contentType, byte[] body, String uri,
			int status, String code) {

		@Override
		public String toString() {
			return this.name;
		}

	}

	static Attack post(String name, String body, int status, String code) {
		return new Attack(name, HttpMethod.POST, "application/json", body.getBytes(StandardCharsets.UTF_8), "/graphql",
				status, code);
	}

	static Attack query(String name, String document, int status, String code) {
		return post(name, json.writeValueAsString(Map.of("query", document)), status, code);
	}

	static Attack query(String name, String document, Map<String, Object> variables, String code) {
		return post(name, json.writeValueAsString(Map.of("query", document, "variables", variables)), 200, code);
	}

	static Attack raw(String name, @Nullable String contentType, byte[] body, int status, String code) {
		return new Attack(name, HttpMethod.POST, contentType, body, "/graphql", status, code);
	}

	static Attack get(String name, String query, int status, String code) {
		return new Attack(name, HttpMethod.GET, null, new byte[0],
				"/graphql?query=" + java.net.URLEncoder.encode(query, StandardCharsets.UTF_8), status, code);
	}

	static String nested(int levels) {
		String open = "orders { edges { node { customer { ";
		String close = "} } } } ";
		return "{ me { " + open.repeat(levels) + "id " + close.repeat(levels) + "} }";
	}

	static String aliases(int count, String field) {
		return IntStream.range(0, count).mapToObj((i) -> "a" + i + ": " + field).collect(Collectors.joining(" ", "{ ", " }"));
	}

	/** Spreads doubling at every level: they merge into one field, as execution merges them. */
	static String exponentialSpreads(int levels) {
		StringBuilder document = new StringBuilder("query { ...F" + levels + " }\n");
		for (int level = levels; level > 0; level--) {
			document.append("fragment F").append(level).append(" on Query { ...F").append(level - 1).append(" ...F")
				.append(level - 1).append(" }\n");
		}
		document.append("fragment F0 on Query { products(first: 100) { edges { node { name } } } }");
		return document.toString();
	}

	/** Fragments nesting fragments, each adding expensive fields under new aliases. */
	static String fragmentBomb(int levels) {
		StringBuilder document = new StringBuilder("query { ...F" + levels + " }\n");
		for (int level = levels; level >= 0; level--) {
			document.append("fragment F").append(level).append(" on Query { ");
			for (int i = 0; i < 3; i++) {
				document.append("f").append(level).append('_').append(i)
					.append(": products(first: 100) { edges { node { name } } } ");
			}
			document.append((level > 0) ? "...F" + (level - 1) : "").append(" }\n");
		}
		return document.toString();
	}

	static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	static Stream<Attack> attacks() {
		String product = "product(id: \"" + ESPRESSO + "\") { name }";
		String bigString = "x".repeat(1024 * 1024);
		List<Attack> attacks = new ArrayList<>(List.of(
				query("deep nesting", nested(4), 200, "QUERY_TOO_COMPLEX"),
				query("alias bomb", aliases(31, "__typename"), 200, "QUERY_TOO_COMPLEX"),
				query("too many root fields", aliases(21, product), 200, "QUERY_TOO_COMPLEX"),
				query("cost bomb", aliases(10, "products(first: 100) { edges { node { id sku name description category } } }"),
						200, "QUERY_TOO_COMPLEX"),
				query("fragment bomb", fragmentBomb(6), 200, "QUERY_TOO_COMPLEX"),
				query("fragment cycle", "query { ...A } fragment A on Query { ...B } fragment B on Query { ...A }", 200,
						"BAD_USER_INPUT"),
				query("directive flood", "{ product(id: \"" + ESPRESSO + "\") { name" + " @skip(if: false)".repeat(1200) + " } }",
						200, "QUERY_TOO_COMPLEX"),
				query("repeated directive", "{ product(id: \"" + ESPRESSO + "\") { name @include(if: true) @include(if: true) } }",
						200, "BAD_USER_INPUT"),
				query("document over the character limit", "{ __typename }" + " ".repeat(60_000), 200, "QUERY_TOO_COMPLEX"),
				query("token flood", "{ " + "__typename ".repeat(6000) + "}", 200, "QUERY_TOO_COMPLEX"),
				post("1 MB string in the query", "{\"query\": \"{ product(id: \\\"" + bigString + "\\\") { name } }\"}", 413,
						"BAD_USER_INPUT"),
				post("1 MB variable", "{\"query\": \"query($s: String) { products(filter: {search: $s}) { edges { cursor } } }\", "
						+ "\"variables\": {\"s\": \"" + bigString + "\"}}", 413, "BAD_USER_INPUT"),
				query("Int overflow in a literal", "{ products(first: 3000000000) { edges { cursor } } }", 200,
						"BAD_USER_INPUT"),
				query("Int overflow in a variable", "query($n: Int) { products(first: $n) { edges { cursor } } }",
						Map.of("n", 3_000_000_000L), "BAD_USER_INPUT"),
				query("wrong variable type", "query($n: Int) { products(first: $n) { edges { cursor } } }",
						Map.of("n", "ten"), "BAD_USER_INPUT"),
				query("missing required variable", "query($id: ID!) { product(id: $id) { name } }", Map.of(),
						"BAD_USER_INPUT"),
				query("object where an ID belongs", "query($id: ID!) { product(id: $id) { name } }",
						Map.of("id", Map.of("$gt", "")), "BAD_USER_INPUT"),
				query("operator string as product id", "{ product(id: \"{\\\"$gt\\\": \\\"\\\"}\") { name } }", 200,
						"BAD_USER_INPUT"),
				query("$where as product id", "{ product(id: \"$where\") { name } }", 200, "BAD_USER_INPUT"),
				query("operator string as order id", "{ order(id: \"{\\\"$ne\\\": null}\") { id } }", 200, "UNAUTHENTICATED"),
				query("NUL byte in the document", "{ product(id: \"" + ESPRESSO + "\u0000\") { name } }", 200,
						"BAD_USER_INPUT"),
				query("syntax error", "{ products { edges {", 200, "BAD_USER_INPUT"),
				query("unknown field", "{ product(id: \"" + ESPRESSO + "\") { password } }", 200, "BAD_USER_INPUT"),
				post("unknown operation name", "{\"query\": \"query A { __typename }\", \"operationName\": \"B\"}", 200,
						"BAD_USER_INPUT"),
				post("two operations without a name", "{\"query\": \"query A { __typename } query B { __typename }\"}", 200,
						"BAD_USER_INPUT"),
				query("anonymous introspection", "{ __schema { types { name } } }", 200, "FORBIDDEN"),
				post("batched array", "[" + NORMAL + ", " + NORMAL + "]", 400, "BAD_USER_INPUT"),
				post("duplicate JSON keys", "{\"query\": \"{ __typename }\", \"query\": \"mutation { clearCart { itemCount } }\"}",
						400, "BAD_USER_INPUT"),
				post("malformed JSON", "{\"query\": ", 400, "BAD_USER_INPUT"),
				post("JSON null", "null", 400, "BAD_USER_INPUT"),
				post("query is a number", "{\"query\": 5}", 400, "BAD_USER_INPUT"),
				post("variables is a string", "{\"query\": \"{ __typename }\", \"variables\": \"x\"}", 400, "BAD_USER_INPUT"),
				post("empty query", "{\"query\": \"\"}", 400, "BAD_USER_INPUT"),
				post("deeply nested JSON", "{\"query\": \"{ __typename }\", \"variables\": {\"v\": " + "[".repeat(5000)
						+ "]".repeat(5000) + "}}", 400, "BAD_USER_INPUT"),
				post("unknown persisted query", "{\"extensions\": {\"persistedQuery\": {\"version\": 1, \"sha256Hash\": \""
						+ "a".repeat(64) + "\"}}}", 200, "PERSISTED_QUERY_NOT_FOUND"),
				post("persisted query version 2", "{\"extensions\": {\"persistedQuery\": {\"version\": 2, \"sha256Hash\": \""
						+ "a".repeat(64) + "\"}}}", 200, "BAD_USER_INPUT"),
				post("persisted query without a version", "{\"extensions\": {\"persistedQuery\": {\"sha256Hash\": \""
						+ "a".repeat(64) + "\"}}}", 200, "BAD_USER_INPUT"),
				post("persisted query hash mismatch", "{\"query\": \"{ __typename }\", \"extensions\": {\"persistedQuery\": "
						+ "{\"version\": 1, \"sha256Hash\": \"" + "b".repeat(64) + "\"}}}", 200, "BAD_USER_INPUT"),
				post("malformed persisted query hash", "{\"extensions\": {\"persistedQuery\": {\"version\": 1, \"sha256Hash\": "
						+ "{\"$gt\": \"\"}}}}", 200, "BAD_USER_INPUT"),
				raw("invalid UTF-8", "application/json",
						new byte[] { '{', '"', 'q', 'u', 'e', 'r', 'y', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}' },
						400, "BAD_USER_INPUT"),
				raw("empty body", "application/json", new byte[0], 400, "BAD_USER_INPUT"),
				raw("text/plain", "text/plain", bytes(NORMAL), 415, "BAD_USER_INPUT"),
				raw("form encoded", "application/x-www-form-urlencoded", bytes("query=%7B__typename%7D"), 415,
						"BAD_USER_INPUT"),
				raw("application/graphql", "application/graphql", bytes("{ __typename }"), 415, "BAD_USER_INPUT"),
				raw("no content type", null, bytes(NORMAL), 415, "BAD_USER_INPUT"),
				get("mutation over GET", "mutation { clearCart { itemCount } }", 405, "BAD_USER_INPUT"),
				get("mutation over GET among queries", "query A { __typename } mutation B { clearCart { itemCount } }", 405,
						"BAD_USER_INPUT")));
		return attacks.stream();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("attacks")
	void hostileRequestIsRefusedAndTheGatewayKeepsServing(Attack attack) {
		StoreSnapshot before = StoreSnapshot.of(this.mongo, "products", "users", "carts", "orders", "checkouts");

		EntityExchangeResult<byte[]> result = send(attack);

		assertThat(result.getStatus().value()).as("status").isEqualTo(attack.status());
		JsonNode body = json.readTree(result.getResponseBody());
		assertThat(body.path("errors")).as("errors").isNotEmpty();
		assertThat(servedValues(body.path("data"), "data")).as("no data was served").isEmpty();
		for (JsonNode error : body.path("errors")) {
			assertThat(error.path("extensions").path("code").asString()).as("code").isEqualTo(attack.code());
			assertThat(error.path("extensions").path("classification").isMissingNode()).isFalse();
			assertThat(error.path("message").asString()).doesNotContain("Exception", "at io.", "tools.jackson",
					"com.fasterxml", "org.bson");
		}
		assertThat(StoreSnapshot.of(this.mongo, "products", "users", "carts", "orders", "checkouts")).isEqualTo(before);
		assertServesNormally();
	}

	@Test
	void exponentialFragmentSpreadsMergeIntoOneFetch() {
		int mark = this.commands.mark();

		EntityExchangeResult<byte[]> result = send(query("spreads", exponentialSpreads(12), 200, ""));

		assertThat(json.readTree(result.getResponseBody()).path("data").path("products").path("edges").size())
			.isGreaterThanOrEqualTo(60);
		assertThat(this.commands.since(mark)).hasSize(1);
	}

	@Test
	void queriesMayBeSentWithGet() {
		this.http.get()
			.uri("/graphql?query={query}", "{ product(id: \"" + ESPRESSO + "\") { name } }")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.data.product.name")
			.isEqualTo("Espresso Beans");
	}

	@Test
	void graphqlResponseMediaTypeIsHonoured() {
		this.http.post()
			.uri("/graphql")
			.header(HttpHeaders.CONTENT_TYPE, "application/json")
			.header(HttpHeaders.ACCEPT, "application/graphql-response+json")
			.bodyValue("{\"query\": \"{ nope }\"}")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentTypeCompatibleWith("application/graphql-response+json");
	}

	@Test
	void automaticPersistedQueriesRegisterThenRunByHash() {
		String query = "{ product(id: \"" + ESPRESSO + "\") { sku } }";
		String hash = Sha256.hex(query);
		String extensions = "{\"persistedQuery\": {\"version\": 1, \"sha256Hash\": \"" + hash + "\"}}";

		this.http.get()
			.uri("/graphql?extensions={e}", extensions)
			.exchange()
			.expectBody()
			.jsonPath("$.errors[0].extensions.code")
			.isEqualTo("PERSISTED_QUERY_NOT_FOUND");
		this.http.post()
			.uri("/graphql")
			.header(HttpHeaders.CONTENT_TYPE, "application/json")
			.bodyValue(json.writeValueAsString(Map.of("query", query, "extensions", json.readValue(extensions, Map.class))))
			.exchange()
			.expectBody()
			.jsonPath("$.data.product.sku")
			.isEqualTo("COF-001");
		this.http.get()
			.uri("/graphql?extensions={e}", extensions)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.data.product.sku")
			.isEqualTo("COF-001");
	}

	@Test
	void overLimitOperationsNeverReachAResolver() {
		int mark = this.commands.mark();

		send(query("cost bomb", aliases(10, "products(first: 100) { edges { node { id sku name description category } } }"),
				200, "QUERY_TOO_COMPLEX"));
		send(query("deep nesting", nested(4), 200, "QUERY_TOO_COMPLEX"));

		assertThat(this.commands.allSince(mark)).isEmpty();
	}

	@Test
	void signedInCallersMayIntrospect() {
		DemoUsers.CAROL.graphQl(this.port).document("{ __type(name: \"Product\") { name } }").execute()
			.path("__type.name").entity(String.class).isEqualTo("Product");
	}

	@Test
	void persistedQueryErrorsTakeTheStatusOfTheirMediaTypeAndNoEmptyLocations() {
		String unknown = "{\"persistedQuery\": {\"version\": 1, \"sha256Hash\": \"" + "c".repeat(64) + "\"}}";
		String version2 = "{\"persistedQuery\": {\"version\": 2, \"sha256Hash\": \"" + "c".repeat(64) + "\"}}";
		for (String accept : List.of("application/graphql-response+json", "application/json")) {
			int status = accept.startsWith("application/graphql-response") ? 400 : 200;
			for (Map.Entry<String, String> refused : Map.of(unknown, "PERSISTED_QUERY_NOT_FOUND", version2,
					"BAD_USER_INPUT").entrySet()) {
				EntityExchangeResult<byte[]> answer = this.http.get()
					.uri("http://localhost:" + this.port + "/graphql?extensions={extensions}", refused.getKey())
					.header(HttpHeaders.ACCEPT, accept)
					.exchange()
					.expectBody()
					.returnResult();

				assertThat(answer.getStatus().value()).as(accept + " " + refused.getValue()).isEqualTo(status);
				assertThat(answer.getResponseHeaders().getContentType().toString()).startsWith(accept);
				JsonNode body = json.readTree(answer.getResponseBody());
				assertThat(body.has("data")).isFalse();
				assertThat(body.path("errors")).hasSize(1);
				assertThat(body.path("errors").get(0).path("extensions").path("code").asString())
					.isEqualTo(refused.getValue());
				assertThat(body.path("errors").get(0).has("locations")).as("no empty locations").isFalse();
			}
		}
	}

	@Test
	void introspectionThatRepeatsItselfIsRefusedAsTooComplex() {
		DemoUsers.CAROL.graphQl(this.port)
			.document("{ a: __type(name: \"Product\") { name } b: __type(name: \"Money\") { name } }")
			.execute()
			.errors()
			.satisfy((errors) -> assertThat(errors).singleElement().satisfies((error) -> {
				assertThat(error.getExtensions()).containsEntry("code", "QUERY_TOO_COMPLEX");
				assertThat(error.getMessage()).contains("not asking for introspection in good faith");
			}));
	}

	@Test
	void graphiqlsDeepIntrospectionQueryIsNotRefusedByTheDepthLimit() {
		String typeRef = "kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name "
				+ "ofType { kind name ofType { kind name ofType { kind name } } } } } } }";
		DemoUsers.CAROL.graphQl(this.port)
			.document("{ __schema { types { fields { type { " + typeRef + " } } } } }")
			.execute()
			.errors()
			.verify()
			.path("__schema.types")
			.entityList(Object.class)
			.hasSizeGreaterThan(10);
	}

	@Test
	void repeatedFailedLogInsAreRefusedForAWhile() {
		String email = "throttled-" + new org.bson.types.ObjectId() + "@example.com";
		String logIn = json.writeValueAsString(Map.of("query",
				"mutation($i: LogInInput!) { logIn(input: $i) { token } }", "variables",
				Map.of("i", Map.of("email", email, "password", "wrong password"))));
		List<String> codes = new ArrayList<>();
		for (int i = 0; i < 11; i++) {
			codes.add(json.readTree(send(post("log in", logIn, 200, "")).getResponseBody()).path("errors").get(0)
				.path("extensions").path("code").asString());
		}
		assertThat(codes.subList(0, 10)).containsOnly("UNAUTHENTICATED");
		assertThat(codes.get(10)).isEqualTo("TOO_MANY_REQUESTS");
	}

	@Test
	void twoHundredConcurrentHostileAndNormalRequestsAllGetTheirAnswer() throws Exception {
		List<Attack> attacks = attacks().filter((attack) -> !attack.name().startsWith("1 MB")).toList();
		ExecutorService pool = Executors.newFixedThreadPool(32);
		try {
			List<Callable<Boolean>> requests = new ArrayList<>();
			for (int i = 0; i < 200; i++) {
				if (i % 2 == 0) {
					requests.add(() -> {
						JsonNode answer = json.readTree(send(post("normal", NORMAL, 200, "")).getResponseBody());
						return answer.path("data").path("product").path("name").asString().equals("Espresso Beans")
								&& answer.path("errors").isMissingNode();
					});
				}
				else {
					Attack attack = attacks.get(i % attacks.size());
					requests.add(() -> send(attack).getStatus().value() == attack.status());
				}
			}
			for (Future<Boolean> answer : pool.invokeAll(requests)) {
				assertThat(answer.get()).isTrue();
			}
		}
		finally {
			pool.shutdown();
		}
		assertServesNormally();
	}

	private EntityExchangeResult<byte[]> send(Attack attack) {
		WebTestClient.RequestBodySpec request = this.http.method(attack.method())
			.uri(java.net.URI.create("http://localhost:" + this.port + attack.uri()));
		if (attack.contentType() != null) {
			request.header(HttpHeaders.CONTENT_TYPE, attack.contentType());
		}
		return ((attack.method() == HttpMethod.POST) ? request.bodyValue(attack.body()) : request).exchange()
			.expectBody()
			.returnResult();
	}

	private void assertServesNormally() {
		JsonNode answer = json.readTree(send(post("normal", NORMAL, 200, "")).getResponseBody());
		assertThat(answer.path("data").path("product").path("name").asString()).isEqualTo("Espresso Beans");
	}

	/** The paths of every non-null value under data: none when nothing was served, whatever was attacked. */
	private static List<String> servedValues(JsonNode node, String path) {
		if (node.isMissingNode() || node.isNull()) {
			return List.of();
		}
		if (!node.isContainer()) {
			return List.of(path);
		}
		List<String> served = new ArrayList<>();
		if (node.isArray() && node.isEmpty()) {
			served.add(path);
		}
		node.properties().forEach((entry) -> served.addAll(servedValues(entry.getValue(), path + "." + entry.getKey())));
		for (int i = 0; node.isArray() && i < node.size(); i++) {
			served.addAll(servedValues(node.get(i), path + "[" + i + "]"));
		}
		return served;
	}

}
