package io.storefront.gateway.security;

import java.util.Map;

import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

import io.storefront.gateway.DemoUsers;
import io.storefront.gateway.GatewayClient;
import io.storefront.gateway.GatewayHttpTest;
import io.storefront.gateway.MongoCommandLog;
import io.storefront.gateway.Shopper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code storefront.security.authorization.mode=REJECT}: an operation that selects any field the caller's
 * sign-in or roles deny is refused whole before anything runs, with one error per denied field (path, code,
 * rule), no data, and no command sent to the store. A rule only the object's owner passes is judged on the
 * object, as in filter mode.
 */
@GatewayHttpTest
@TestPropertySource(properties = "storefront.security.authorization.mode=REJECT")
class RejectModeHttpTests {

	static final String ESPRESSO = "695b7d900000000000000001";

	static final String DECAF = "695b7d900000000000000003";

	@LocalServerPort
	int port;

	@Autowired
	MongoCommandLog commands;

	@Test
	void anAnonymousOperationTouchingAGuardedFieldIsRefusedWholeAndReadsNothing() {
		int mark = this.commands.mark();

		GraphQlTester.Response response = GatewayClient.graphQl(this.port)
			.document("{ product(id: \"" + ESPRESSO + "\") { name stock } }")
			.execute();

		response.errors().satisfy((errors) -> {
			assertThat(errors).singleElement().satisfies((error) -> {
				assertThat(error.getParsedPath()).containsExactly("product", "stock");
				assertThat(error.getExtensions()).containsEntry("code", "UNAUTHENTICATED")
					.containsEntry("rule", "@hasRole(roles: [SUPPORT, ADMIN])");
				assertThat(error.getMessage()).isEqualTo("Sign in to read Product.stock; the operation was refused whole.");
			});
		});
		response.path("product").pathDoesNotExist();
		assertThat(this.commands.allSince(mark)).isEmpty();
	}

	@Test
	void everyDeniedFieldGetsItsOwnErrorAndNothingBelowADeniedField() {
		GraphQlTester.Response response = GatewayClient.graphQl(this.port)
			.document("{ me { name cart { itemCount } } products(first: 1) { edges { node { name cost { amount } } } } }")
			.execute();

		response.errors().satisfy((errors) -> {
			assertThat(errors).hasSize(2);
			assertThat(errors).anySatisfy((error) -> {
				assertThat(error.getParsedPath()).containsExactly("me");
				assertThat(error.getExtensions()).containsEntry("code", "UNAUTHENTICATED").containsEntry("rule", "@authenticated");
			});
			assertThat(errors).anySatisfy((error) -> {
				assertThat(error.getParsedPath()).containsExactly("products", "edges", "node", "cost");
				assertThat(error.getExtensions()).containsEntry("code", "UNAUTHENTICATED")
					.containsEntry("rule", "@hasRole(roles: [ADMIN])");
			});
		});
		response.path("products").pathDoesNotExist();
	}

	@Test
	void aCustomerIsRefusedWhatTheRolesDenyAndSendsNoCommandForIt() {
		HttpGraphQlTester carol = DemoUsers.CAROL.graphQl(this.port);
		carol.document("{ me { id } }").execute().errors().verify();
		int mark = this.commands.mark();

		GraphQlTester.Response response = carol.document("mutation { adjustStock(productId: \"" + ESPRESSO
				+ "\", delta: 5) { stock } }").execute();

		response.errors().satisfy((errors) -> assertThat(errors).singleElement().satisfies((error) -> {
			assertThat(error.getParsedPath()).containsExactly("adjustStock");
			assertThat(error.getExtensions()).containsEntry("code", "FORBIDDEN");
			assertThat(error.getMessage()).startsWith("Not allowed to run Mutation.adjustStock");
		}));
		// the token's user is read at most once per recheck-after, whatever the operation
		assertThat(this.commands.allButStandingSince(mark)).isEmpty();
	}

	@Test
	void whatOwnershipDecidesIsJudgedOnTheObjectAsInFilterMode() {
		Shopper owner = Shopper.signUp(this.port);
		// not the espresso, whose stock the rule table in this mode reads
		owner.add(DECAF, 1).errors().verify();
		String orderId = owner.checkout("reject-" + new ObjectId()).path("checkout.id").entity(String.class).get();
		String order = "{ order(id: \"" + orderId + "\") { id } }";

		owner.graphQl().document(order).execute().errors().verify().path("order.id").entity(String.class)
			.isEqualTo(orderId);
		GraphQlTester.Response other = Shopper.signUp(this.port).graphQl().document(order).execute();
		other.errors().satisfy((errors) -> assertThat(errors).singleElement()
			.satisfies((error) -> assertThat(error.getExtensions()).containsEntry("code", "FORBIDDEN")));
		other.path("order").valueIsNull();
	}

	@Test
	void anOperationWithNothingDeniedRunsAsUsual() {
		GatewayClient.graphQl(this.port)
			.document("{ products(first: 2) { edges { node { name price { amount } } } } }")
			.execute()
			.errors()
			.verify()
			.path("products.edges")
			.entityList(Map.class)
			.hasSize(2);
		DemoUsers.SUPPORT.graphQl(this.port)
			.document("{ product(id: \"" + ESPRESSO + "\") { stock } }")
			.execute()
			.errors()
			.verify()
			.path("product.stock")
			.entity(Integer.class)
			.satisfies((stock) -> assertThat(stock).isNotNull());
	}

}
