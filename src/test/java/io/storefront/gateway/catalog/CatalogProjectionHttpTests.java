package io.storefront.gateway.catalog;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.storefront.gateway.DemoUsers;
import io.storefront.gateway.GatewayClient;
import io.storefront.gateway.GatewayHttpTest;
import io.storefront.gateway.MongoCommandLog;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A field the caller may not see is not even read: the find that loads a catalog page names in its projection
 * only the fields the operation selects and the caller's roles may read, as the driver's command log shows; and
 * reading less changes nothing in the answer (the hidden fields are null with their errors, as before).
 */
@GatewayHttpTest
class CatalogProjectionHttpTests {

	static final String PAGE = "{ products(first: 3) { edges { node { id name inStock stock cost { amount } } } } }";

	@LocalServerPort
	int port;

	@Autowired
	MongoCommandLog commands;

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = ';', value = {
			"ANONYMOUS; _id createdAt name stock; stock cost",
			"CAROL;     _id createdAt name stock; stock cost",
			"SUPPORT;   _id createdAt name stock; cost",
			"ADMIN;     _id cost createdAt name stock; " })
	void theProductsPageReadsOnlyWhatTheCallerMaySee(String who, String projected, String denied) {
		HttpGraphQlTester client = who.equals("ANONYMOUS") ? GatewayClient.graphQl(this.port)
				: DemoUsers.valueOf(who).graphQl(this.port);
		int mark = this.commands.mark();

		GraphQlTester.Response response = client.document(PAGE).execute();

		List<MongoCommandLog.Command> finds = this.commands.since(mark, "products");
		assertThat(finds).singleElement().satisfies((find) -> {
			assertThat(find.name()).isEqualTo("find");
			assertThat(new TreeSet<>(find.projection().keySet())).containsExactlyElementsOf(
					new TreeSet<>(List.of(projected.trim().split(" "))));
		});
		// the answer is what it always was: hidden fields null with one error each, and names for everyone
		Set<String> deniedFields = (denied == null) ? Set.of() : Set.of(denied.trim().split(" "));
		response.errors().satisfy((errors) -> {
			assertThat(errors).hasSize(3 * deniedFields.size());
			errors.forEach((error) -> assertThat(deniedFields).contains(String.valueOf(error.getParsedPath().get(4))));
		});
		response.path("products.edges[*].node.name").entityList(String.class).hasSize(3);
		for (String field : List.of("stock", "cost")) {
			if (deniedFields.contains(field)) {
				response.path("products.edges[*].node." + field).entityList(Object.class)
					.satisfies((values) -> assertThat(values).containsOnlyNulls());
			}
			else {
				response.path("products.edges[*].node." + field).entityList(Object.class)
					.satisfies((values) -> assertThat(values).hasSize(3).doesNotContainNull());
			}
		}
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource({ "ANONYMOUS", "ADMIN" })
	void aPageThatSelectsNothingHiddenReadsTheSameForEveryone(String who) {
		HttpGraphQlTester client = who.equals("ANONYMOUS") ? GatewayClient.graphQl(this.port)
				: DemoUsers.valueOf(who).graphQl(this.port);
		int mark = this.commands.mark();

		client.document("{ products(first: 3) { edges { node { name price { amount } } } } }").execute().errors().verify();

		assertThat(this.commands.since(mark, "products")).singleElement()
			.satisfies((find) -> assertThat(new TreeSet<>(find.projection().keySet()))
				.containsExactly("_id", "createdAt", "name", "price"));
	}

}
