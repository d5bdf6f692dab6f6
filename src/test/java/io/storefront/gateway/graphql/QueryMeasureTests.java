package io.storefront.gateway.graphql;

import java.util.List;
import java.util.Map;
import java.util.Set;

import graphql.parser.Parser;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What an operation is measured as, on a small schema of the same shape as ours, without a server. */
class QueryMeasureTests {

	static final GraphQLSchema SCHEMA = new SchemaGenerator().makeExecutableSchema(new SchemaParser().parse("""
			type Query { products(first: Int): ProductConnection product(id: ID): Product }
			type ProductConnection { edges: [ProductEdge] }
			type ProductEdge { node: Product cursor: String }
			type Product { id: ID name: String related: [Product] }
			"""), RuntimeWiring.MOCKED_WIRING);

	@Test
	void aPageCostsItsSizeForEachFieldBelowIt() {
		QueryMeasure measure = measure("{ products(first: 5) { edges { node { id name } } } }");

		// products 1, then edges, node, id and name 5 each
		assertThat(measure.cost()).isEqualTo(21);
		assertThat(measure.depth()).isEqualTo(4);
		assertThat(measure.rootFields()).isEqualTo(1);
		assertThat(measure.aliases()).isZero();
		assertThat(measure.fields()).containsExactlyInAnyOrder("Query.products", "ProductConnection.edges",
				"ProductEdge.node", "Product.id", "Product.name");
	}

	@Test
	void aPageWithoutFirstCountsTheDefaultSizeAndAnOversizedOneTheMaximum() {
		assertThat(measure("{ products { edges { node { id } } } }").cost()).isEqualTo(1 + 3 * 20);
		assertThat(measure("{ products(first: 100000) { edges { node { id } } } }").cost()).isEqualTo(1 + 3 * 100);
	}

	@Test
	void variablesSetThePageSize() {
		QueryMeasure measure = QueryMeasure.of(SCHEMA,
				Parser.parse("query($n: Int) { products(first: $n) { edges { cursor } } }"), null, Map.of("n", 7));

		assertThat(measure.cost()).isEqualTo(1 + 7 + 7);
	}

	@Test
	void nestedListsMultiply() {
		// product 1, related 1, related 20, id 400
		assertThat(measure("{ product(id: 1) { related { related { id } } } }").cost()).isEqualTo(422);
	}

	@Test
	void fragmentsAreExpandedAndAFieldWrittenTwiceCountsTwice() {
		QueryMeasure measure = measure("{ product(id: 1) { ...F name } } fragment F on Product { name id }");

		// product, name, name again (merged when it runs), id
		assertThat(measure.cost()).isEqualTo(4);
		assertThat(measure.depth()).isEqualTo(2);
	}

	@Test
	void aliasesAndRootFieldsAreCounted() {
		QueryMeasure measure = measure("{ a: product(id: 1) { id } b: product(id: 2) { id } product(id: 3) { id } }");

		assertThat(measure.aliases()).isEqualTo(2);
		assertThat(measure.rootFields()).isEqualTo(3);
	}

	@Test
	void introspectionIsNotMeasuredButTypenameIs() {
		QueryMeasure measure = measure(
				"{ __schema { types { fields { type { ofType { name } } } } } product(id: 1) { __typename id } }");

		assertThat(measure.rootFields()).isEqualTo(1);
		assertThat(measure.depth()).isEqualTo(2);
		assertThat(measure.cost()).isEqualTo(3);
		assertThat(measure.fields()).containsExactlyInAnyOrder("Query.product", "Product.id");
	}

	@Test
	void onlyTheNamedOperationIsMeasured() {
		QueryMeasure measure = QueryMeasure.of(SCHEMA,
				Parser.parse("query Small { product(id: 1) { id } } query Big { products { edges { node { id } } } }"),
				"Small", Map.of());

		assertThat(measure.fields()).containsExactlyInAnyOrder("Query.product", "Product.id");
	}

	@Test
	void excessesAreListedInTheOrderTheyAreChecked() {
		List<QueryMeasure.Excess> excesses = new QueryMeasure(13, 31, 21, 5001, Set.of())
			.excesses(GatewayProperties.Limits.DEFAULTS);

		assertThat(excesses).containsExactly(new QueryMeasure.Excess("depth", 12, 13),
				new QueryMeasure.Excess("aliases", 30, 31), new QueryMeasure.Excess("rootFields", 20, 21),
				new QueryMeasure.Excess("cost", 5000, 5001));
		assertThat(new QueryMeasure(12, 30, 20, 5000, Set.of()).excesses(GatewayProperties.Limits.DEFAULTS))
			.as("at the limit is within it")
			.isEmpty();
	}

	private static QueryMeasure measure(String document) {
		return measure(document, null);
	}

	private static QueryMeasure measure(String document, @Nullable String operationName) {
		return QueryMeasure.of(SCHEMA, Parser.parse(document), operationName, Map.of());
	}

}
