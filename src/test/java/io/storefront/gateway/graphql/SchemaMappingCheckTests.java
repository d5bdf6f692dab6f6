package io.storefront.gateway.graphql;

import org.junit.jupiter.api.Test;

import org.springframework.core.io.ByteArrayResource;
import org.springframework.graphql.execution.GraphQlSource;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A schema field that no controller serves stops the start-up, naming the field.
 */
class SchemaMappingCheckTests {

	@Test
	void unmappedFieldRefusesToStart() {
		GraphQlSource.SchemaResourceBuilder builder = GraphQlSource.schemaResourceBuilder()
			.schemaResources(new ByteArrayResource("type Query { forgotten: String }".getBytes()));
		new SchemaMappingCheck().customize(builder);

		assertThatExceptionOfType(SchemaMappingCheck.SchemaDriftException.class).isThrownBy(builder::build)
			.withMessageContaining("Query=[forgotten]");
	}

}
