package io.storefront.gateway.graphql;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.bson.Document;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.storefront.gateway.FrontendClients;
import io.storefront.gateway.GatewayClient;
import io.storefront.gateway.GatewayHttpTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoOperations;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Apollo Client 4, as a frontend team runs it, against the gateway: automatic persisted queries over GET, three
 * pages of the catalog walked by cursor, and each amount read as a string equal to the stored one. The same flow
 * runs twice: with Apollo Client's own Accept header, which prefers {@code application/graphql-response+json}, and
 * with {@code application/json}. Under the first, an unknown hash is a request error and gets the 400 the
 * GraphQL-over-HTTP spec gives it; under the second, 200, as Apollo's protocol has always had it; Apollo Client
 * handles both by sending the text. The script is {@code src/test/node/frontend-clients/flow.mjs}; without
 * Node.js this test is skipped.
 */
@GatewayHttpTest
class ApolloClientFlowTests {

	@LocalServerPort
	int port;

	@Autowired
	MongoOperations mongo;

	@BeforeAll
	static void installApolloClient() {
		FrontendClients.assumeInstalled();
	}

	@ParameterizedTest(name = "Accept: {0}")
	@ValueSource(strings = { "default", "application/json" })
	void pagesTheCatalogOverPersistedGetsAndReadsAmountsAsStrings(String accept) throws Exception {
		// one operation per run, so that each run starts with a hash the gateway has never seen
		String variant = accept.equals("default") ? "AsApolloAccepts" : "AsJson";
		Path operation = Path.of("target/apollo-client-flow/productsPage" + variant + ".graphql");
		Files.createDirectories(operation.getParent());
		Files.writeString(operation, GatewayClient.operation("productsPage")
			.replace("query productsPage(", "query productsPage" + variant + "("));

		FrontendClients.Result flow = FrontendClients.node("flow.mjs", "http://localhost:" + this.port + "/graphql",
				operation.toAbsolutePath().toString(), accept);
		assertThat(flow.exit()).as(flow.output()).isZero();
		JsonNode result = JsonMapper.builder().build().readTree(flow.output());

		List<String> seen = new ArrayList<>();
		for (JsonNode page : result.path("pages")) {
			assertThat(page).hasSize(2);
			for (JsonNode product : page) {
				assertThat(product.path("amountType").asString()).isEqualTo("string");
				assertThat(product.path("amount").asString()).isEqualTo(storedPrice(product.path("id").asString()));
				seen.add(product.path("id").asString());
			}
		}
		assertThat(seen).hasSize(6).doesNotHaveDuplicates();

		JsonNode exchanges = result.path("exchanges");
		assertThat(exchanges).hasSize(4);
		JsonNode unknownHash = exchanges.get(0);
		assertThat(unknownHash.path("method").asString()).isEqualTo("GET");
		assertThat(unknownHash.path("query").asBoolean()).isFalse();
		assertThat(unknownHash.path("status").asInt()).isEqualTo(accept.equals("default") ? 400 : 200);
		assertThat(unknownHash.path("contentType").asString())
			.startsWith(accept.equals("default") ? "application/graphql-response+json" : "application/json");
		assertThat(unknownHash.path("errors")).hasSize(1);
		JsonNode notFound = unknownHash.path("errors").get(0);
		assertThat(notFound.path("extensions").path("code").asString()).isEqualTo("PERSISTED_QUERY_NOT_FOUND");
		assertThat(notFound.path("message").asString()).isEqualTo("PersistedQueryNotFound");
		assertThat(notFound.has("locations")).as("no empty locations").isFalse();
		assertThat(unknownHash.path("cacheControl").asString()).isEqualTo("no-store");

		JsonNode registered = exchanges.get(1);
		assertThat(registered.path("method").asString()).isEqualTo("POST");
		assertThat(registered.path("query").asBoolean()).isTrue();
		assertThat(registered.path("status").asInt()).isEqualTo(200);
		assertThat(registered.path("cacheControl").asString()).isEqualTo("no-store");

		for (JsonNode byHash : List.of(exchanges.get(2), exchanges.get(3))) {
			assertThat(byHash.path("method").asString()).isEqualTo("GET");
			assertThat(byHash.path("query").asBoolean()).isFalse();
			assertThat(byHash.path("status").asInt()).isEqualTo(200);
			assertThat(byHash.path("cacheControl").asString()).isEqualTo("public, max-age=30");
			assertThat(byHash.path("etag").asString()).isNotEmpty();
			assertThat(byHash.path("vary").asString()).isEqualTo("Accept, Authorization");
		}
	}

	private String storedPrice(String id) {
		Document product = this.mongo.findById(new ObjectId(id), Document.class, "products");
		BigDecimal amount = product.get("price", Document.class).get("amount", Decimal128.class).bigDecimalValue();
		return amount.setScale(2).toPlainString();
	}

}
