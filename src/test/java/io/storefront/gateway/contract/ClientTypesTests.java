package io.storefront.gateway.contract;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import graphql.schema.idl.ScalarInfo;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import io.storefront.gateway.graphql.SchemaAsWritten;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Typed clients out of the box: the GraphQL Code Generator configuration in {@code docs/clients/} maps every custom
 * scalar of the schema to a precise TypeScript type, so none comes out {@code unknown}. Adding a scalar to
 * {@code schema/} without a mapping fails this test.
 */
class ClientTypesTests {

	static final Path CODEGEN = Path.of("docs/clients/codegen.yml");

	@Test
	void everyCustomScalarHasATypeScriptMapping() throws IOException {
		assertThat(unmapped(SchemaAsWritten.read(), mappings())).as("""
				Map these scalars in %s (config.scalars), to the TypeScript type a client receives""".formatted(CODEGEN))
			.isEmpty();
		assertThat(mappings()).containsEntry("Decimal", "string").containsEntry("DateTime", "string")
			.containsEntry("PositiveInt", "number");
	}

	@Test
	void aScalarWithoutAMappingIsFound() throws IOException {
		TypeDefinitionRegistry withANewScalar = SchemaAsWritten.read()
			.merge(new SchemaParser().parse("\"A new one.\" scalar Percentage"));

		assertThat(unmapped(withANewScalar, mappings())).containsExactly("Percentage");
	}

	@Test
	void theGeneratorReadsTheSchemaAndTheOperationsOfThisRepository() throws IOException {
		Map<String, Object> config = config();

		assertThat(config).containsEntry("schema", "schema/*.graphqls")
			.containsEntry("documents", "docs/operations/*.graphql");
		assertThat(config.get("generates").toString()).contains("typescript-operations", "strictScalars=true");
	}

	static Set<String> unmapped(TypeDefinitionRegistry registry, Map<String, Object> mappings) {
		Set<String> missing = new TreeSet<>(registry.scalars().keySet());
		missing.removeIf(ScalarInfo::isGraphqlSpecifiedScalar);
		missing.removeAll(mappings.keySet());
		return missing;
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> mappings() throws IOException {
		Map<String, Object> generates = (Map<String, Object>) config().get("generates");
		Map<String, Object> target = (Map<String, Object>) generates.values().iterator().next();
		return (Map<String, Object>) ((Map<String, Object>) target.get("config")).get("scalars");
	}

	private static Map<String, Object> config() throws IOException {
		try (Reader reader = Files.newBufferedReader(CODEGEN)) {
			return new Yaml().load(reader);
		}
	}

}
