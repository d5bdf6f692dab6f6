package io.storefront.gateway.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole rule table in {@code report-only} mode, on the shipped schema with two of its rules marked
 * {@code rollout: true} ({@code Product.cost} and {@code Order.internalNote}), as a team rolling them out would
 * mark them: their cells are served and counted, every other rule denies as in {@code filter}.
 */
@TestPropertySource(properties = "storefront.security.authorization.mode=REPORT_ONLY")
class AuthorizationRuleTableReportOnlyTests extends AuthorizationRuleTableTests {

	static final String COST = "cost: Money @hasRole(roles: [ADMIN])";

	static final String INTERNAL_NOTE = "internalNote: String @hasRole(roles: [SUPPORT, ADMIN])";

	@DynamicPropertySource
	static void schemaWithRulesBeingRolledOut(DynamicPropertyRegistry registry) throws IOException {
		Path copy = Files.createTempDirectory("schema-rollout");
		copy.toFile().deleteOnExit();
		int marked = 0;
		for (Resource file : new PathMatchingResourcePatternResolver().getResources("classpath*:schema/*.graphqls")) {
			String sdl = file.getContentAsString(StandardCharsets.UTF_8);
			String rolledOut = sdl.replace(COST, markedForRollout(COST)).replace(INTERNAL_NOTE,
					markedForRollout(INTERNAL_NOTE));
			marked += (rolledOut.equals(sdl)) ? 0 : countOf(sdl, COST) + countOf(sdl, INTERNAL_NOTE);
			Path target = copy.resolve(file.getFilename());
			Files.writeString(target, rolledOut);
			target.toFile().deleteOnExit();
		}
		assertThat(marked).as("rules marked for rollout").isEqualTo(2);
		registry.add("spring.graphql.schema.locations", () -> copy.toUri().toString());
	}

	private static String markedForRollout(String field) {
		return field.substring(0, field.length() - 1) + ", rollout: true)";
	}

	private static int countOf(String text, String part) {
		return text.split(Pattern.quote(part), -1).length - 1;
	}

}
