package io.storefront.gateway.graphql;

import org.springframework.boot.graphql.autoconfigure.GraphQlSourceBuilderCustomizer;
import org.springframework.graphql.execution.SchemaReport;
import org.springframework.stereotype.Component;

/**
 * Refuses to start when the schema and the controllers have drifted apart: a schema field no data fetcher
 * serves, a controller method no schema field names, an argument nothing binds, or a non-null
 * schema field backed by a value the code declares nullable. Java follows the
 * schema, and this makes it a start-up failure (and so a test failure) when it does not.
 */
@Component
class SchemaMappingCheck implements GraphQlSourceBuilderCustomizer {

	@Override
	public void customize(org.springframework.graphql.execution.GraphQlSource.SchemaResourceBuilder builder) {
		builder.inspectSchemaMappings(SchemaMappingCheck::requireComplete);
	}

	static void requireComplete(SchemaReport report) {
		if (!report.unmappedFields().isEmpty() || !report.unmappedRegistrations().isEmpty()
				|| !report.unmappedArguments().isEmpty() || !report.skippedTypes().isEmpty()
				|| !report.fieldNullnessErrors().isEmpty() || !report.argumentNullnessErrors().isEmpty()) {
			throw new SchemaDriftException(report);
		}
	}

	/** The schema and the code disagree; the message is the framework's report. */
	static class SchemaDriftException extends IllegalStateException {

		SchemaDriftException(SchemaReport report) {
			super("The schema and the controllers do not match:\n" + report);
		}

	}

}
