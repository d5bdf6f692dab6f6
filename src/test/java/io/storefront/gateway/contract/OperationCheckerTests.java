package io.storefront.gateway.contract;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operation checker that frontend teams run in their CI: the example operations of docs/operations are
 * valid (this is the build's check of them), broken ones are reported with line and column and a failing exit,
 * and each operation says who can run it.
 */
class OperationCheckerTests {

	@Test
	void everyExampleOperationIsValid() {
		Run run = run("docs/operations");

		assertThat(run.exit()).as(run.output()).isZero();
		assertThat(run.output()).contains("0 invalid").doesNotContain("INVALID");
	}

	@Test
	void eachOperationSaysWhoCanRunIt() {
		String output = run("docs/operations").output();

		assertThat(output).contains("""
				ok      docs/operations/productPage.graphql query productPage
				  depth 3, aliases 0, root fields 1, cost 13
				  runs fully for: ANONYMOUS, CUSTOMER (owner), CUSTOMER, SUPPORT, ADMIN""");
		assertThat(output).contains("""
				ok      docs/operations/supportOrderLookup.graphql query supportOrderLookup
				  depth 6, aliases 0, root fields 1, cost 2341
				  runs fully for: SUPPORT, ADMIN""");
		assertThat(output).contains("mutation createProduct\n  depth 3, aliases 0, root fields 1, cost 15\n"
				+ "  runs fully for: ADMIN");
		assertThat(output).contains("mutation logIn\n  depth 3, aliases 0, root fields 1, cost 8\n"
				+ "  runs fully for: ANONYMOUS, CUSTOMER (owner), CUSTOMER, SUPPORT, ADMIN");
	}

	@Test
	void oneFileIsCheckedAsItself() {
		Run run = run("docs/operations/checkout.graphql");

		assertThat(run.output()).startsWith("ok      docs/operations/checkout.graphql mutation checkout\n")
			.contains("1 operations checked, 0 invalid");
	}

	@Test
	void eachOperationSaysWhatComesBackDeniedForWhom() {
		String output = run("docs/operations").output();

		assertThat(output).contains("""
				ok      docs/operations/checkout.graphql mutation checkout
				  depth 4, aliases 0, root fields 1, cost 277
				  runs fully for: CUSTOMER (owner), SUPPORT, ADMIN
				  denied for ANONYMOUS: checkout (UNAUTHENTICATED, @authenticated)
				  denied for CUSTOMER: checkout (FORBIDDEN, @ownerOrRole(roles: [SUPPORT, ADMIN]))
				ok""");
		// only the outermost denied field: nothing below it is resolved
		assertThat(output).contains("""
				  runs fully for: CUSTOMER (owner), ADMIN
				  denied for ANONYMOUS: me (UNAUTHENTICATED, @authenticated)
				  denied for CUSTOMER: me.cart (FORBIDDEN, @ownerOrRole(roles: [ADMIN]))
				  denied for SUPPORT: me.cart (FORBIDDEN, @ownerOrRole(roles: [ADMIN]))
				""");
		assertThat(output).contains("""
				ok      docs/operations/productStock.graphql query productStock
				  depth 2, aliases 0, root fields 1, cost 3
				  runs fully for: SUPPORT, ADMIN
				  denied for ANONYMOUS: product.stock (UNAUTHENTICATED, @hasRole(roles: [SUPPORT, ADMIN]))
				  denied for CUSTOMER (owner): product.stock (FORBIDDEN, @hasRole(roles: [SUPPORT, ADMIN]))
				  denied for CUSTOMER: product.stock (FORBIDDEN, @hasRole(roles: [SUPPORT, ADMIN]))
				""");
		// an operation everyone runs fully lists no denial
		assertThat(output).contains("""
				  runs fully for: ANONYMOUS, CUSTOMER (owner), CUSTOMER, SUPPORT, ADMIN
				ok      docs/operations/productStock.graphql""");
	}

	@Test
	void brokenAndOverLimitOperationsFailWithTheirPlace() {
		Run run = run("src/test/resources/operations-bad");

		assertThat(run.exit()).isEqualTo(1);
		assertThat(run.output()).contains("INVALID src/test/resources/operations-bad/broken.graphql",
				"  error 5:5 Validation error (FieldUndefined@[product/priceInCents]) : Field 'priceInCents' in type "
						+ "'Product' is undefined",
				"INVALID src/test/resources/operations-bad/tooDeep.graphql query tooDeep",
				"  over the depth limit: 14 > 12", "2 operations checked, 2 invalid");
	}

	@Test
	void anApolloManifestIsCheckedToo() {
		Run run = run("src/test/resources/operations-bad/manifest.json");

		assertThat(run.exit()).isZero();
		assertThat(run.output()).contains("manifest.json#productName query productName",
				"runs fully for: SUPPORT, ADMIN");
	}

	@Test
	void jsonOutputForTools() {
		Run run = run("src/test/resources/operations-bad", "--json");

		assertThat(run.exit()).isEqualTo(1);
		assertThat(run.output()).contains("\"source\" : \"src/test/resources/operations-bad/broken.graphql\"",
				"\"line\" : 5", "\"column\" : 5", "\"limit\" : \"depth\"");
	}

	@Test
	void wrongUsageExitsWithTwo() {
		assertThat(run().exit()).isEqualTo(2);
		assertThat(run("no/such/folder").exit()).isEqualTo(2);
	}

	record Run(int exit, String output) {

	}

	private static Run run(String... args) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		int exit = OperationCheckCommand.run(args, new PrintStream(bytes, true, StandardCharsets.UTF_8));
		return new Run(exit, bytes.toString(StandardCharsets.UTF_8));
	}

}
