package io.storefront.gateway.security;

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
			.append("- Every root field carries exactly one rule; the server refuses to start otherwise.\n")
			.append("- That is the default mode, `FILTER`, of `storefront.security.authorization.mode`. In `REJECT` an ")
			.append("operation that selects a field the caller's sign-in or roles deny is refused whole before anything ")
			.append("runs, with one such error per denied field; what ownership decides is still judged on the object. ")
			.append("In `REPORT_ONLY` the rules marked *being rolled out* below are counted and logged instead of ")
			.append("enforced; the server refuses that mode when none is marked.\n")
			.append("- Reads from MongoDB leave out the fields these rules deny the caller, so such a field is not even ")
			.append("read; a field only its owner may see is read from the caller's own documents alone.\n\n");
		md.append("## Operations\n\n| operation | rule | who |\n|---|---|---|\n");
		rows(md, rules, true);
		md.append("\n## Fields\n\n| field | rule | who |\n|---|---|---|\n");
		rows(md, rules, false);
		md.append("\n## Types\n\n| type | rule | who |\n|---|---|---|\n");
		rules.typeRules()
			.forEach((type, rule) -> md.append("| `").append(type).append("` | `").append(rule.directive())
				.append("` | ").append(who(rules, type, rule)).append(" |\n"));
		return md.toString();
	}

	private static void rows(StringBuilder md, RuleBook rules, boolean roots) {
		rules.fieldRules()
			.entrySet()
			.stream()
			.filter((entry) -> rules.rootTypes().contains(entry.getKey().getTypeName()) == roots)
			.filter((entry) -> roots || !(entry.getValue() instanceof AccessRule.Public))
			.forEach((entry) -> {
				String where = entry.getKey().getTypeName() + "." + entry.getKey().getFieldName();
				md.append("| `")
					.append(where)
					.append("` | `")
					.append(entry.getValue().directive())
					.append("` | ")
					.append(who(rules, where, entry.getValue()))
					.append(" |\n");
			});
	}

	private static String who(RuleBook rules, String where, AccessRule rule) {
		return rules.inRollout().contains(where) ? rule.who() + " (*being rolled out*)" : rule.who();
	}

}
