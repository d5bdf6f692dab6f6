package io.storefront.gateway.contract;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The breaking-change gate, part of every build: the schema in {@code schema/} against the last released one
 * in {@code docs/schema/released.graphqls}. A breaking change fails the build unless its line is in
 * {@code docs/schema/CHANGELOG.md}. Releasing the current schema (after acknowledging) is a command of its own,
 * {@code ./mvnw -Prelease-schema} ({@link ReleaseSchema}): this test only reads.
 */
class SchemaCompatibilityTests {

	static final Path RELEASED = Path.of("docs/schema/released.graphqls");

	static final Path CHANGELOG = Path.of("docs/schema/CHANGELOG.md");

	@Test
	void currentSchemaBreaksNothingUnacknowledged() throws IOException {
		// without a released schema there is nothing to guard, and the gate would pass whatever changed
		assertThat(RELEASED).as("the released schema is missing").exists();
		SchemaGate.Report report = SchemaGate.compare(Files.readString(RELEASED), SchemaGate.currentSchema());
		Files.createDirectories(Path.of("target"));
		Files.writeString(Path.of("target/schema-changes.md"), report.toMarkdown());

		List<SchemaGate.Change> unacknowledged = report.unacknowledged(Files.readString(CHANGELOG));

		assertThat(unacknowledged).as("""
				The schema in schema/ breaks clients of the released schema. Either undo the change, or acknowledge
				each line below by adding it to docs/schema/CHANGELOG.md and then release with
				./mvnw -Prelease-schema
				All changes: target/schema-changes.md
				""").isEmpty();
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = ';', value = {
			"removed field      ; type Query { a: String b: String }                 ; type Query { a: String }",
			"removed union type ; type Query { a: U } union U = A | B type A { x: Int } type B { y: Int } ; type Query { a: U } union U = A type A { x: Int }",
			"changed type       ; type Query { a: String }                           ; type Query { a: Int }",
			"new required arg   ; type Query { a(x: Int): String }                   ; type Query { a(x: Int, y: Int!): String }",
			"output nullable    ; type Query { a: String! }                          ; type Query { a: String }",
			"input non-null     ; type Query { a(x: Int): String }                   ; type Query { a(x: Int!): String }",
			"removed enum value ; type Query { a: E } enum E { ONE TWO }             ; type Query { a: E } enum E { ONE }",
			"removed argument   ; type Query { a(x: Int): String }                   ; type Query { a: String }" })
	void breakingChangesAreCaught(String change, String released, String current) {
		assertThat(SchemaGate.compare(released, current).breaking()).as(change).isNotEmpty();
	}

	@Test
	void addingAFieldIsSafe() {
		SchemaGate.Report report = SchemaGate.compare("type Query { a: String }", "type Query { a: String b: Int }");

		assertThat(report.breaking()).isEmpty();
		assertThat(report.safe()).isNotEmpty();
	}

	@Test
	void anAcknowledgedBreakingChangePasses() {
		SchemaGate.Report report = SchemaGate.compare("type Query { a: String b: String }", "type Query { a: String }");
		String line = report.breaking().get(0).line();

		assertThat(report.unacknowledged("# Changes\n- " + line + "\n")).isEmpty();
		assertThat(report.unacknowledged("# Changes\n")).hasSize(1);
	}

}
