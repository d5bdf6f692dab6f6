package io.storefront.gateway.account;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.storefront.gateway.DemoUsers;
import io.storefront.gateway.MongoCommandLog;
import io.storefront.gateway.GatewayHttpTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * User documents are read with what the caller may see and nothing else, as the driver's command log shows:
 * never the password hash or the sessions, and a field only its owner may see ({@code roles} for SUPPORT) from
 * the caller's own document alone, read again for it when it is listed and they are selected; and only the
 * fields the operation selects. The answers are what they were.
 */
@GatewayHttpTest
class UserProjectionHttpTests {

	static final String PAGE = "{ users(first: 3) { edges { node { id name email roles createdAt } } } }";

	@LocalServerPort
	int port;

	@Autowired
	MongoCommandLog commands;

	@Test
	void anAdminsUserPageReadsWhatTheSchemaServesAndNoSecrets() {
		List<MongoCommandLog.Command> finds = usersRead(DemoUsers.ADMIN, PAGE, (response) -> response.errors()
			.verify()
			.path("users.edges[*].node.roles")
			.entityList(Object.class)
			.hasSize(3));

		assertThat(finds).singleElement()
			.satisfies((find) -> assertThat(find.projection().keySet()).containsExactlyInAnyOrder("_id", "email", "name",
					"roles", "createdAt"));
	}

	@Test
	void supportReadsOtherUsersWithoutTheirRoles() {
		List<MongoCommandLog.Command> finds = usersRead(DemoUsers.SUPPORT,
				"{ users(search: \"customer\") { edges { node { name email roles } } } }",
				(response) -> response.errors()
					.satisfy((errors) -> assertThat(errors).extracting((error) -> error.getExtensions().get("code"))
						.containsOnly("FORBIDDEN")
						.hasSize(2))
					.path("users.edges[*].node.email")
					.entityList(String.class)
					.containsExactly("carol@storefront.example", "dave@storefront.example"));

		assertThat(finds).singleElement()
			.satisfies((find) -> assertThat(find.projection().keySet()).containsExactlyInAnyOrder("_id", "email",
					"name"));
	}

	@Test
	void supportListedAmongOthersReadsTheirOwnRolesOnce() {
		List<MongoCommandLog.Command> finds = usersRead(DemoUsers.SUPPORT,
				"{ users(search: \"support@\") { edges { node { name roles } } } }",
				(response) -> response.errors()
					.verify()
					.path("users.edges[0].node.roles")
					.entityList(String.class)
					.containsExactly("CUSTOMER", "SUPPORT"));

		assertThat(finds).hasSize(2);
		assertThat(finds.get(0).projection().keySet()).containsExactlyInAnyOrder("_id", "name");
		assertThat(finds.get(1).filter().get("_id").asObjectId().getValue().toHexString())
			.isEqualTo(DemoUsers.SUPPORT.id());
		assertThat(finds.get(1).projection().keySet()).containsExactlyInAnyOrder("_id", "name", "roles");
	}

	@Test
	void aPageThatSelectsNoOwnerOnlyFieldIsOneRead() {
		List<MongoCommandLog.Command> finds = usersRead(DemoUsers.SUPPORT,
				"{ users(search: \"support@\") { edges { node { name orders { edges { cursor } } } } } }",
				(response) -> response.errors().verify().path("users.edges[0].node.name").entity(String.class)
					.isEqualTo("Sam Support"));

		assertThat(finds).singleElement()
			.satisfies((find) -> assertThat(find.projection().keySet()).containsExactlyInAnyOrder("_id", "name"));
	}

	@Test
	void oneUserByIdForSupportAndTheCallerThemselves() {
		List<MongoCommandLog.Command> other = usersRead(DemoUsers.SUPPORT,
				"{ user(id: \"" + DemoUsers.CAROL.id() + "\") { email } }", (response) -> response.errors()
					.verify()
					.path("user.email")
					.entity(String.class)
					.isEqualTo("carol@storefront.example"));
		assertThat(other).singleElement()
			.satisfies((find) -> assertThat(find.projection().keySet()).containsExactlyInAnyOrder("_id", "email"));

		List<MongoCommandLog.Command> own = usersRead(DemoUsers.CAROL, "{ me { email roles } }",
				(response) -> response.errors()
					.verify()
					.path("me.roles")
					.entityList(String.class)
					.containsExactly("CUSTOMER"));
		assertThat(own).singleElement()
			.satisfies((find) -> assertThat(find.projection().keySet()).containsExactlyInAnyOrder("_id", "email",
					"roles"));
	}

	/** The finds on users a caller's operation sent, once the caller's standing has been read before it. */
	private List<MongoCommandLog.Command> usersRead(DemoUsers user, String document,
			java.util.function.Consumer<GraphQlTester.Response> answer) {
		HttpGraphQlTester client = user.graphQl(this.port);
		client.document("{ __typename }").execute().path("__typename").entity(String.class).isEqualTo("Query");
		int mark = this.commands.mark();
		answer.accept(client.document(document).execute());
		return this.commands.since(mark, "users");
	}

}
