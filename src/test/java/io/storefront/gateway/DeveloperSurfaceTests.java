package io.storefront.gateway;

import java.util.List;
import java.util.stream.Stream;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a developer reaches in the dev profile: GraphiQL, the printed schema, health with MongoDB, and the
 * MongoDB driver's command metrics, from which round trips per request can be counted.
 */
@GatewayHttpTest
@ActiveProfiles("dev")
class DeveloperSurfaceTests {

	@LocalServerPort
	int port;

	@Autowired
	MeterRegistry meters;

	@Test
	void graphiqlIsServed() {
		GatewayClient.http(this.port)
			.get()
			.uri("/graphiql?path=/graphql")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.TEXT_HTML)
			.expectBody(String.class)
			.value((html) -> assertThat(html).contains("GraphiQL"));
	}

	@Test
	void graphiqlOffersToViewAsEachKindOfCaller() {
		GatewayClient.http(this.port)
			.get()
			.uri("/graphiql/view-as")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.views[*].view")
			.isEqualTo(List.of("CUSTOMER, owner of the demo order", "CUSTOMER, not the owner", "SUPPORT", "ADMIN"))
			.jsonPath("$.views[*].email")
			.isEqualTo(List.of("carol@storefront.example", "dave@storefront.example", "support@storefront.example",
					"admin@storefront.example"))
			.jsonPath("$.example")
			.value((example) -> assertThat(example.toString()).contains("query viewAs", "65d000000000000000000001"));
	}

	@Test
	void printedSchemaIsServed() {
		GatewayClient.http(this.port)
			.get()
			.uri("/graphql/schema")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.value((schema) -> assertThat(schema).contains("type Product @cacheControl(maxAge : 60) {", "products(after: String, filter: ProductFilter, first: Int = 20, sort: ProductSort = NEWEST): ProductConnection!",
					"enum ProductSort {"));
	}

	@Test
	void healthIncludesTheStore() {
		GatewayClient.http(this.port)
			.get()
			.uri("/actuator/health")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("UP")
			.jsonPath("$.components.mongo.status")
			.isEqualTo("UP");
	}

	@Test
	void mongoCommandMetricsAreExposed() {
		GatewayClient.graphQl(this.port).document("{ products(first: 1) { edges { cursor } } }").executeAndVerify();

		GatewayClient.http(this.port)
			.get()
			.uri("/actuator/metrics/mongodb.driver.commands")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.availableTags[?(@.tag == 'command')].values[*]")
			.value((commands) -> assertThat(commands.toString()).contains("find"));
	}

	@Test
	void aPageOfTwentyProductsIsOneFindCommand() {
		long findsBefore = commands("find");
		long allBefore = allCommands();

		GatewayClient.graphQl(this.port).documentName("productsPage").variable("first", 20).execute().path(
				"products.edges").entityList(Object.class).hasSize(20);

		assertThat(commands("find") - findsBefore).isEqualTo(1);
		assertThat(allCommands() - allBefore).isEqualTo(1);
	}

	@Test
	void fieldUsageIsCountedPerClient() {
		GatewayClient.graphQl(this.port)
			.mutate()
			.header("apollographql-client-name", "shop-web")
			.header("apollographql-client-version", "1.2.3")
			.build()
			.documentName("productPage")
			.variable("id", "695b7d900000000000000001")
			.executeAndVerify();

		GatewayClient.http(this.port)
			.get()
			.uri("/actuator/metrics/graphql.field.usage?tag=client:shop-web&tag=version:1.2.3&tag=field:Product.sku")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.measurements[0].value")
			.isEqualTo(1.0)
			.jsonPath("$.availableTags[?(@.tag == 'deprecated')].values[0]")
			.isEqualTo(List.of("false"));
		assertThat(this.meters.find("graphql.field.usage").tag("client", "shop-web").counters())
			.extracting((counter) -> counter.getId().getTag("field"))
			.contains("Query.product", "Product.price", "Money.amount")
			.doesNotContain("Product.stock");
	}

	@Test
	void clientNamesAreSanitized() {
		GatewayClient.graphQl(this.port)
			.mutate()
			.header("apollographql-client-name", "<script>alert(1)</script>")
			.build()
			.document("{ products(first: 1) { edges { cursor } } }")
			.executeAndVerify();

		assertThat(this.meters.find("graphql.field.usage").tag("client", "invalid").counters()).isNotEmpty();
	}

	private long commands(String command) {
		return requestCommands().filter((timer) -> command.equals(timer.getId().getTag("command")))
			.mapToLong(Timer::count)
			.sum();
	}

	private long allCommands() {
		return requestCommands().mapToLong(Timer::count).sum();
	}

	// the change feed's own reads, while a subscription of another test is still open, are no request's
	private Stream<Timer> requestCommands() {
		return this.meters.find("mongodb.driver.commands")
			.timers()
			.stream()
			.filter((timer) -> !"changes".equals(timer.getId().getTag("collection")));
	}

}
