package io.storefront.gateway.contract;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.List;

/**
 * Releases the schema in {@code schema/}: appends every change since the last release to the changelog and makes
 * it the released schema the gate compares against. {@code ./mvnw -Prelease-schema} runs it. It refuses while a
 * breaking change is not acknowledged in the changelog, as the gate does.
 */
public final class ReleaseSchema {

	private ReleaseSchema() {
	}

	public static void main(String[] args) throws IOException {
		String current = SchemaGate.currentSchema();
		String released = Files.readString(SchemaCompatibilityTests.RELEASED);
		SchemaGate.Report report = SchemaGate.compare(released, current);
		List<SchemaGate.Change> unacknowledged = report
			.unacknowledged(Files.readString(SchemaCompatibilityTests.CHANGELOG));
		if (!unacknowledged.isEmpty()) {
			System.err.println("Not released: acknowledge these breaking changes in "
					+ SchemaCompatibilityTests.CHANGELOG + " first:");
			unacknowledged.forEach((change) -> System.err.println("- " + change.line()));
			System.exit(1);
		}
		Files.writeString(SchemaCompatibilityTests.CHANGELOG,
				"\n## Released " + LocalDate.now() + "\n\n" + report.toMarkdown(), StandardCharsets.UTF_8,
				StandardOpenOption.APPEND);
		Files.writeString(SchemaCompatibilityTests.RELEASED, current, StandardCharsets.UTF_8);
		System.out.println("released " + SchemaCompatibilityTests.RELEASED);
	}

}
