package io.storefront.gateway.graphql;

import java.util.Set;

import graphql.schema.GraphQLSchema;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.graphql.execution.GraphQlSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code @cacheControl} hints read as Apollo Server reads them: a field's own hint, else its type's; a root
 * field or an object-typed field without either counts as 0; a scalar field takes its parent's; inheritMaxAge
 * takes the parent's for an object too; PRIVATE anywhere, or any field the rules guard, makes the answer personal.
 */
class HttpCachingTests {

	static final String SDL = """
			enum CacheControlScope { PUBLIC PRIVATE }
			directive @cacheControl(maxAge: Int, scope: CacheControlScope, inheritMaxAge: Boolean) on FIELD_DEFINITION | OBJECT | INTERFACE | UNION
			scalar Decimal
			type Query {
			  shelf: Shelf @cacheControl(maxAge: 30)
			  item: Item
			  unhinted: Shelf
			  note: String
			  mine: Shelf @cacheControl(maxAge: 30, scope: PRIVATE)
			}
			type Shelf @cacheControl(maxAge: 300) {
			  name: String
			  items: [Item!]!
			  page: Page
			  owner: Owner
			  secret: String
			}
			type Item @cacheControl(maxAge: 60) { name: String price: Price }
			type Price @cacheControl(inheritMaxAge: true) { amount: Decimal }
			type Page { size: Int }
			type Owner @cacheControl(maxAge: 10, scope: PRIVATE) { name: String }
			""";

	final HttpCaching caching = new HttpCaching(provider(GraphQlSource.class, GraphQlSource.builder(schema()).build()),
			provider(PublicFields.class, (type, field) -> !"secret".equals(field)));

	@Test
	void theSmallestHintAnAnswerTouchesIsItsMaxAge() {
		assertThat(this.caching.cacheControl(Set.of("Query.shelf", "Shelf.name"))).isEqualTo("public, max-age=30");
		assertThat(this.caching.cacheControl(Set.of("Query.shelf", "Shelf.items", "Item.name")))
			.isEqualTo("public, max-age=30");
		assertThat(this.caching.cacheControl(Set.of("Query.item", "Item.name"))).as("the type's hint")
			.isEqualTo("public, max-age=60");
		assertThat(this.caching.cacheControl(Set.of("Query.item", "Item.price", "Price.amount")))
			.as("inheritMaxAge takes the parent's").isEqualTo("public, max-age=60");
	}

	@Test
	void whatNoHintCoversIsNotCached() {
		assertThat(this.caching.cacheControl(Set.of("Query.note"))).as("a root field without a hint").isEqualTo("no-store");
		assertThat(this.caching.cacheControl(Set.of("Query.shelf", "Shelf.page", "Page.size")))
			.as("an object field without a hint").isEqualTo("no-store");
		assertThat(this.caching.cacheControl(Set.of())).isEqualTo("no-store");
	}

	@Test
	void privateHintsAndGuardedFieldsMakeItPersonal() {
		assertThat(this.caching.cacheControl(Set.of("Query.mine", "Shelf.name"))).isEqualTo("private, no-store");
		assertThat(this.caching.cacheControl(Set.of("Query.shelf", "Shelf.owner", "Owner.name")))
			.isEqualTo("private, no-store");
		assertThat(this.caching.cacheControl(Set.of("Query.shelf", "Shelf.secret"))).isEqualTo("private, no-store");
	}

	@Test
	void withoutTheRulesNothingIsPublic() {
		HttpCaching noRules = new HttpCaching(provider(GraphQlSource.class, GraphQlSource.builder(schema()).build()),
				new StaticListableBeanFactory().getBeanProvider(PublicFields.class));

		assertThat(noRules.cacheControl(Set.of("Query.shelf", "Shelf.name"))).isEqualTo("private, no-store");
	}

	private static GraphQLSchema schema() {
		return SchemaAsWritten.executable(new graphql.schema.idl.SchemaParser().parse(SDL),
				StorefrontScalars.register(graphql.schema.idl.RuntimeWiring.newRuntimeWiring()).build());
	}

	private static <T> org.springframework.beans.factory.ObjectProvider<T> provider(Class<T> type, T bean) {
		StaticListableBeanFactory beans = new StaticListableBeanFactory();
		beans.addBean(type.getSimpleName(), bean);
		return beans.getBeanProvider(type);
	}

}
