package io.storefront.gateway.security;

import java.util.List;
import java.util.Map;

import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import io.storefront.gateway.StorefrontApplication;

import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * {@code storefront.security.authorization.mode=REPORT_ONLY}: only a rule marked {@code rollout: true} stops
 * being enforced, and each denial it would have made is counted; every other rule still denies. A schema with no
 * rule marked refuses to start in this mode, so one property can never switch authorization off. The rules are
 * wired and an operation executed through graphql-java, as the gateway does; the shipped schema marks no rule,
 * which the start-up test shows.
 */
class ReportOnlyModeTests {

	static final String SDL = """
			enum Role { CUSTOMER SUPPORT ADMIN }
			directive @public on FIELD_DEFINITION
			directive @authenticated(rollout: Boolean) on FIELD_DEFINITION | OBJECT
			directive @hasRole(roles: [Role!]!, rollout: Boolean) on FIELD_DEFINITION | OBJECT
			directive @ownerOrRole(roles: [Role!]! = [ADMIN], rollout: Boolean) on FIELD_DEFINITION | OBJECT
			type Query { item: Item @public }
			type Item {
			  name: String
			  "A rule being rolled out."
			  margin: Int @hasRole(roles: [ADMIN], rollout: true)
			  "A rule in force."
			  cost: Int @hasRole(roles: [ADMIN])
			}
			""";

	@Test
	void aRuleBeingRolledOutServesAndCountsWhileEveryOtherRuleDenies() {
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		GraphQL graphQl = graphQl("REPORT_ONLY", meters);

		ExecutionResult first = execute(graphQl, Caller.anonymous());
		execute(graphQl, Caller.user("64a000000000000000000003", List.of(Role.CUSTOMER)));

		Map<String, Object> item = first.<Map<String, Map<String, Object>>>getData().get("item");
		assertThat(item).containsEntry("name", "Bottle").containsEntry("margin", 7).containsEntry("cost", null);
		assertThat(first.getErrors()).singleElement().satisfies((error) -> {
			assertThat(error.getPath()).containsExactly("item", "cost");
			assertThat(error.getExtensions()).containsEntry("code", "UNAUTHENTICATED");
		});
		assertThat(meters.get(RolloutReport.METRIC)
			.tag("field", "Item.margin")
			.tag("rule", "@hasRole(roles: [ADMIN])")
			.counter()
			.count()).isEqualTo(2.0);
		assertThat(meters.find(RolloutReport.METRIC).tag("field", "Item.cost").counter()).isNull();
	}

	@Test
	void aFieldBeingRolledOutIsStillReadWhereReadsLeaveOutHiddenFields() {
		Caller anonymous = Caller.anonymous();

		assertThat(wiring("REPORT_ONLY", new SimpleMeterRegistry()).hiddenFrom(anonymous, "Item"))
			.containsExactly("cost");
		assertThat(wiring("FILTER", new SimpleMeterRegistry()).hiddenFrom(anonymous, "Item"))
			.containsExactlyInAnyOrder("cost", "margin");
	}

	@Test
	void inFilterModeTheMarkedRuleIsEnforcedLikeAnyOther() {
		SimpleMeterRegistry meters = new SimpleMeterRegistry();

		ExecutionResult result = execute(graphQl("FILTER", meters), Caller.anonymous());

		Map<String, Object> item = result.<Map<String, Map<String, Object>>>getData().get("item");
		assertThat(item).containsEntry("margin", null).containsEntry("cost", null);
		assertThat(result.getErrors()).hasSize(2);
		assertThat(meters.find(RolloutReport.METRIC).counter()).isNull();
	}

	@Test
	void theRuleBookDocumentSaysWhichRulesAreBeingRolledOut() {
		String document = RuleBookDocument.render(RuleBook.of(schema()));

		assertThat(document).contains("| `Item.margin` | `@hasRole(roles: [ADMIN])` | ADMIN (*being rolled out*) |",
				"| `Item.cost` | `@hasRole(roles: [ADMIN])` | ADMIN |");
	}

	@Test
	void theShippedSchemaMarksNoRuleSoReportOnlyRefusesToStart() {
		assertThatException()
			.isThrownBy(() -> new SpringApplicationBuilder(StorefrontApplication.class)
				.properties("server.port=0", "storefront.security.authorization.mode=REPORT_ONLY")
				.profiles("dev")
				.run()
				.close())
			.satisfies((ex) -> assertThat(rootMessage(ex))
				.contains("storefront.security.authorization.mode=REPORT_ONLY, but no rule in the schema is marked "
						+ "rollout: true"));
	}

	private static String rootMessage(Throwable ex) {
		Throwable cause = ex;
		while (cause.getCause() != null) {
			cause = cause.getCause();
		}
		return cause.getMessage();
	}

	private static GraphQL graphQl(String mode, MeterRegistry meters) {
		return GraphQL.newGraphQL(wiring(mode, meters).apply(schema())).build();
	}

	private static AuthorizationWiring wiring(String mode, MeterRegistry meters) {
		SecurityProperties properties = new Binder(
				new MapConfigurationPropertySource(Map.of("storefront.security.authorization.mode", mode)))
			.bindOrCreate("storefront.security", SecurityProperties.class);
		StaticListableBeanFactory beans = new StaticListableBeanFactory();
		beans.addBean("meters", meters);
		AuthorizationWiring wiring = new AuthorizationWiring(properties, List.of(),
				beans.getBeanProvider(MeterRegistry.class));
		wiring.apply(schema());
		return wiring;
	}

	private static GraphQLSchema schema() {
		return new SchemaGenerator().makeExecutableSchema(new SchemaParser().parse(SDL),
				RuntimeWiring.newRuntimeWiring()
					.type("Query", (type) -> type.dataFetcher("item",
							(env) -> Map.of("name", "Bottle", "margin", 7, "cost", 3)))
					.build());
	}

	private static ExecutionResult execute(GraphQL graphQl, Caller caller) {
		return graphQl.execute(ExecutionInput.newExecutionInput("query items { item { name margin cost } }")
			.graphQLContext(Map.of(Caller.CONTEXT_KEY, caller))
			.build());
	}

}
