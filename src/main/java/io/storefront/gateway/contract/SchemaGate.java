package io.storefront.gateway.contract;

import java.util.List;

import graphql.schema.GraphQLSchema;
import graphql.schema.diff.DiffEvent;
import graphql.schema.diff.DiffLevel;
import graphql.schema.diff.SchemaDiff;
import graphql.schema.diff.SchemaDiffSet;
import graphql.schema.diff.reporting.CapturingReporter;

import io.storefront.gateway.graphql.SchemaAsWritten;

/**
 * The breaking-change gate: graphql-java's schema diff between the last released schema and the current one,
 * sorted into breaking, dangerous and safe changes. A breaking change passes only when its line (as this
 * report writes it) is in the changelog, which is how a team acknowledges it.
 */
public final class SchemaGate {

	private SchemaGate() {
	}

	/** One change, as a line a changelog can hold: {@code `Type.field` (CATEGORY): reason}. */
	public record Change(DiffLevel level, String line) {

	}

	/** Every change between two schemas. */
	public record Report(List<Change> breaking, List<Change> dangerous, List<Change> safe) {

		/** The breaking changes whose line the changelog does not hold. */
		public List<Change> unacknowledged(String changelog) {
			return this.breaking.stream().filter((change) -> !changelog.contains(change.line())).toList();
		}

		public String toMarkdown() {
			StringBuilder md = new StringBuilder();
			section(md, "Breaking", this.breaking);
			section(md, "Dangerous", this.dangerous);
			section(md, "Safe", this.safe);
			return md.toString();
		}

		private static void section(StringBuilder md, String title, List<Change> changes) {
			md.append("### ").append(title).append(" changes\n\n");
			if (changes.isEmpty()) {
				md.append("None.\n");
			}
			changes.forEach((change) -> md.append("- ").append(change.line()).append('\n'));
			md.append('\n');
		}

	}

	/** The schema this build ships, printed as the SDL that is kept as the released schema. */
	public static String currentSchema() {
		return SchemaAsWritten.print(OperationChecker.shippedSchema());
	}

	public static Report compare(String releasedSdl, String currentSdl) {
		return report(SchemaDiffSet.diffSetFromSdl(releasedSdl, currentSdl));
	}

	/** The same diff between built schemas, for SDL that spreads a type over extensions, as schema/ does. */
	public static Report compare(GraphQLSchema released, GraphQLSchema current) {
		return report(SchemaDiffSet.diffSetFromIntrospection(released, current));
	}

	private static Report report(SchemaDiffSet diffSet) {
		CapturingReporter reporter = new CapturingReporter();
		new SchemaDiff().diffSchema(diffSet, reporter);
		return new Report(lines(reporter.getBreakages()), lines(reporter.getDangers()), lines(reporter.getInfos()));
	}

	private static List<Change> lines(List<DiffEvent> events) {
		// the diff also reports what it examined, as information without a category: not a change
		return events.stream()
			.filter((event) -> event.getCategory() != null)
			.map((event) -> new Change(event.getLevel(), "`" + event.getTypeName()
					+ ((event.getFieldName() != null) ? "." + event.getFieldName() : "") + "` (" + event.getCategory()
					+ "): " + event.getReasonMsg()))
			.distinct()
			.sorted(java.util.Comparator.comparing(Change::line))
			.toList();
	}

}
