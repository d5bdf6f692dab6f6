package io.storefront.gateway.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import io.storefront.gateway.GatewayHttpTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.execution.GraphQlSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code docs/authorization.md} is the rule book generated from the schema, and never stale: the running
 * gateway's rule book renders exactly the committed file. {@code ./mvnw -Pdocs} rewrites it after a schema change
 * ({@link AuthorizationDocument}).
 */
@GatewayHttpTest
class AuthorizationDocumentTests {

	static final Path DOCUMENT = AuthorizationDocument.COMMITTED;

	@Autowired
	GraphQlSource graphQlSource;

	@Test
	void ruleBookMatchesTheSchema() throws IOException {
		String generated = RuleBookDocument.render(RuleBook.of(this.graphQlSource.schema()));

		assertThat(DOCUMENT).as("docs/authorization.md is stale; regenerate it with ./mvnw -Pdocs")
			.exists()
			.content(StandardCharsets.UTF_8)
			.isEqualTo(generated);
	}

	@Test
	void ruleBookListsEveryRuleOfTheTable() throws IOException {
		assertThat(Files.readString(DOCUMENT)).contains("| `Product.stock` | `@hasRole(roles: [SUPPORT, ADMIN])` |",
				"| `Product.cost` | `@hasRole(roles: [ADMIN])` |", "| `Query.me` | `@authenticated` |",
				"| `User.email` | `@ownerOrRole(roles: [SUPPORT, ADMIN])` |",
				"| `User.roles` | `@ownerOrRole(roles: [ADMIN])` |", "| `User.cart` | `@ownerOrRole(roles: [ADMIN])` |",
				"| `Cart` | `@ownerOrRole(roles: [ADMIN])` |", "| `Order` | `@ownerOrRole(roles: [SUPPORT, ADMIN])` |",
				"| `Query.order` | `@ownerOrRole(roles: [SUPPORT, ADMIN])` |",
				"| `Order.internalNote` | `@hasRole(roles: [SUPPORT, ADMIN])` |",
				"| `Query.orders` | `@hasRole(roles: [SUPPORT, ADMIN])` |",
				"| `Mutation.setUserRoles` | `@hasRole(roles: [ADMIN])` |",
				"| `Mutation.createProduct` | `@hasRole(roles: [ADMIN])` |");
	}

}
