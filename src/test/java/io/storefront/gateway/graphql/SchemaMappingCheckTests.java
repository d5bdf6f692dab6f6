package io.storefront.gateway.graphql;

import java.util.List;

import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import org.junit.jupiter.api.Test;

import io.storefront.gateway.kernel.Connection;

import org.springframework.core.ResolvableType;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.graphql.execution.GraphQlSource;
import org.springframework.graphql.execution.SelfDescribingDataFetcher;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A schema field that no controller serves stops the start-up, naming the field. Connections declare their
 * edges {@code [XEdge!]!}, a shape Spring for GraphQL's inspector does not recognize as a connection; it checks
 * them anyway, as ordinary types, because the controllers return {@code kernel.Connection}, whose generics lead
 * from the connection through its edges to the nodes.
 */
class SchemaMappingCheckTests {

	static final String CONNECTION = """
			type Query { things: ThingConnection! }
			type ThingConnection { edges: [ThingEdge!]! pageInfo: PageInfo! }
			type ThingEdge { cursor: String! node: Thing! }
			type PageInfo { hasNextPage: Boolean! hasPreviousPage: Boolean! startCursor: String endCursor: String }
			""";

	/** A node that serves {@code name} only. */
	record Thing(String name) {

	}

	@Test
	void unmappedFieldRefusesToStart() {
		assertThatExceptionOfType(SchemaMappingCheck.SchemaDriftException.class)
			.isThrownBy(() -> build("type Query { forgotten: String }"))
			.withMessageContaining("Query=[forgotten]");
	}

	@Test
	void aConnectionWhoseEdgesHoldNoNullsIsCheckedThroughToItsNodes() {
		build(CONNECTION + "type Thing { name: String! }");

		// a node field nothing serves, behind [ThingEdge!]!
		assertThatExceptionOfType(SchemaMappingCheck.SchemaDriftException.class)
			.isThrownBy(() -> build(CONNECTION + "type Thing { name: String! price: Int }"))
			.withMessageContaining("Thing=[price]");
		// and the edge and page types themselves, which kernel.Connection serves
		assertThatExceptionOfType(SchemaMappingCheck.SchemaDriftException.class)
			.isThrownBy(() -> build(CONNECTION.replace("node: Thing!", "node: Thing! weight: Int")
					+ "type Thing { name: String! }"))
			.withMessageContaining("ThingEdge=[weight]");
	}

	private static GraphQlSource build(String sdl) {
		GraphQlSource.SchemaResourceBuilder builder = GraphQlSource.schemaResourceBuilder()
			.schemaResources(new ByteArrayResource(sdl.getBytes()))
			.configureRuntimeWiring((wiring) -> wiring.type("Query", (type) -> type.dataFetcher("things", things())));
		new SchemaMappingCheck().customize(builder);
		return builder.build();
	}

	private static DataFetcher<Connection<Thing>> things() {
		return new SelfDescribingDataFetcher<>() {

			@Override
			public Connection<Thing> get(DataFetchingEnvironment environment) {
				return new Connection<>(List.of(), null);
			}

			@Override
			public String getDescription() {
				return "things";
			}

			@Override
			public ResolvableType getReturnType() {
				return ResolvableType.forClassWithGenerics(Connection.class, Thing.class);
			}

		};
	}

}
