package io.storefront.gateway.security;

import java.util.Map;
import java.util.Set;

import graphql.schema.FieldCoordinates;

/**
 * Renders a {@link RuleBook} as the Markdown of {@code docs/authorization.md}, the one page where frontend
 * teams and security reviewers read who may see and change what.
 */
final class RuleBookDocument {

	private RuleBookDocument() {
	}

	static String render(RuleBook rules) {
		StringBuilder md = new StringBuilder();
		md.append("# Authorization rules\n\n")
			.append("Generated from the schema in `schema/`; do not edit by hand. After a schema change, regenerate it\n")
			.append("with `./mvnw -Pdocs`.\n\n")
			.append("How the rules apply:\n\n")
			.append("- A denied field resolves to `null` with one error at its path: `extensions.code` is ")
			.append("`UNAUTHENTICATED` for an anonymous caller and `FORBIDDEN` otherwise, and `extensions.rule` ")
			.append("names the rule below. The rest of the response is served, and the denied field's resolver ")
			.append("never runs.\n")
			.append("- A rule on a field is judged against the object the field belongs to; a rule on a type is ")
			.append("judged against each object of that type, wherever it is reached. `@ownerOrRole` on a root ")
			.append("query field, which has no parent, is judged against the object it returns.\n")
			.append("- `@ownerOrRole` on a root mutation is judged before it runs, against the object its `id` names: ")
			.append("an id that names nothing is `NOT_FOUND`, and when the caller passes as the owner (not by a role), ")
			.append("the write itself is confined to the caller's own objects.\n")
			.append("- A user owns itself, its cart and its orders.\n")
			.append("- Roles are the ones the user holds now, not those written into their token: a role change reaches ")
			.append("every earlier token within seconds.\n")
			.append("- Every root field carries exactly one rule; the server refuses to start otherwise.\n\n");
		md.append("## Operations\n\n| operation | rule | who |\n|---|---|---|\n");
		rows(md, rules.fieldRules(), true, rules.rootTypes());
		md.append("\n## Fields\n\n| field | rule | who |\n|---|---|---|\n");
		rows(md, rules.fieldRules(), false, rules.rootTypes());
		md.append("\n## Types\n\n| type | rule | who |\n|---|---|---|\n");
		rules.typeRules()
			.forEach((type, rule) -> md.append("| `").append(type).append("` | `").append(rule.directive())
				.append("` | ").append(rule.who()).append(" |\n"));
		return md.toString();
	}

	private static void rows(StringBuilder md, Map<FieldCoordinates, AccessRule> rules, boolean roots,
			Set<String> rootTypes) {
		rules.entrySet()
			.stream()
			.filter((entry) -> rootTypes.contains(entry.getKey().getTypeName()) == roots)
			.filter((entry) -> roots || !(entry.getValue() instanceof AccessRule.Public))
			.forEach((entry) -> md.append("| `")
				.append(entry.getKey().getTypeName())
				.append('.')
				.append(entry.getKey().getFieldName())
				.append("` | `")
				.append(entry.getValue().directive())
				.append("` | ")
				.append(entry.getValue().who())
				.append(" |\n"));
	}

}
