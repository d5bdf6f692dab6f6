package io.storefront.gateway.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import io.storefront.gateway.StorefrontApplication;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.core.io.ClassPathResource;
import org.springframework.graphql.execution.RuntimeWiringConfigurer;

import static org.assertj.core.api.Assertions.assertThatException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Deny by default: a schema whose root field carries no rule, or carries two, or whose guarded field could not
 * be nulled, or that names an unknown role, does not start; the message names the field.
 */
class DenyByDefaultTests {

	@Test
	void rootFieldWithoutRuleIsRefused() {
		assertThatIllegalStateException().isThrownBy(() -> RuleBook.of(schema("""
				type Query { ok: String @public  leak: String }
				""")))
			.withMessageStartingWith("Query.leak has no authorization rule");
	}

	@Test
	void mutationWithoutRuleIsRefused() {
		assertThatIllegalStateException().isThrownBy(() -> RuleBook.of(schema("""
				type Query { ok: String @public }
				type Mutation { wipe: Boolean }
				""")))
			.withMessageStartingWith("Mutation.wipe has no authorization rule");
	}

	@Test
	void twoRulesOnOneFieldAreRefused() {
		assertThatIllegalStateException().isThrownBy(() -> RuleBook.of(schema("""
				type Query { both: String @public @authenticated }
				""")))
			.withMessageStartingWith("Query.both carries 2 authorization rules");
	}

	@Test
	void nonNullGuardedFieldIsRefused() {
		assertThatIllegalStateException().isThrownBy(() -> RuleBook.of(schema("""
				type Query { secret: String! @hasRole(roles: [ADMIN]) }
				""")))
			.withMessageStartingWith("Query.secret carries @hasRole(roles: [ADMIN]) but is non-null");
	}

	@Test
	void unknownRoleIsRefusedNamingTheField() {
		assertThatException().isThrownBy(() -> RuleBook.of(schema("""
				type Query { spell: String @hasRole(roles: [WIZARD]) }
				""")))
			.withMessageContaining("WIZARD")
			.withMessageContaining("spell");
	}

	@Test
	void serverRefusesToStartWithAnUnruledRootField() {
		assertThatException().isThrownBy(() -> new SpringApplicationBuilder(StorefrontApplication.class,
				LeakyField.class)
			.properties("server.port=0", "spring.graphql.schema.additional-files=classpath:unruled/leak.graphqls")
			.run()
			.close())
			.havingRootCause()
			.withMessageStartingWith("Query.leak has no authorization rule");
	}

	static class LeakyField {

		@Bean
		RuntimeWiringConfigurer leakWiring() {
			return (wiring) -> wiring.type("Query", (type) -> type.dataFetcher("leak", (env) -> "secret"));
		}

	}

	static GraphQLSchema schema(String sdl) {
		return new SchemaGenerator().makeExecutableSchema(new SchemaParser().parse(directives() + sdl),
				RuntimeWiring.newRuntimeWiring().build());
	}

	private static String directives() {
		try {
			return new ClassPathResource("schema/directives.graphqls").getContentAsString(StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
