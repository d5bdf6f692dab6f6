package io.storefront.gateway;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import de.bwaldvogel.mongo.MongoServer;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.yaml.snakeyaml.Yaml;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What an unlucky operator can get wrong outside the dev profile, and what the gateway does about it: no
 * in-memory store unless asked for by name, no demo account with the published password, no schema for those
 * who may not introspect, nothing behind paths that do not exist, and a compose file that keeps MongoDB closed.
 */
@ExtendWith(OutputCaptureExtension.class)
class UnsafeDeploymentTests {

	@Test
	void withoutMongoDbOrAskingForTheEmbeddedStoreStartUpIsRefusedInOneLine(CapturedOutput output) {
		assertThatThrownBy(() -> start("--storefront.store.embedded.enabled=false").close())
			.satisfies((thrown) -> assertThat(NestedExceptionUtils.getMostSpecificCause(thrown).getMessage())
				.contains("MONGODB_URI")
				.doesNotContain("\n"));
		assertThat(output.getAll()).contains("APPLICATION FAILED TO START",
				"No MongoDB is configured: set MONGODB_URI");
	}

	@Test
	void theEmbeddedStoreAskedForByNameStarts() {
		try (ConfigurableApplicationContext context = start("--storefront.store.embedded.enabled=true")) {
			assertThat(context.getBeansOfType(MongoServer.class)).hasSize(1);
		}
	}

	@Test
	void demoAccountsWithThePublishedPasswordAreRefusedOutsideDev() {
		assertThatThrownBy(() -> start("--storefront.store.demo-data=true",
				"--storefront.store.demo-password=storefront-dev").close())
			.rootCause()
			.hasMessageContaining("storefront.store.demo-password is the password README publishes");
	}

	@Test
	void withoutADemoPasswordTheDemoDataComesWithoutAccounts() {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(StorefrontApplication.class)
			.properties("server.port=0", "storefront.store.demo-data=true")
			.run("--storefront.store.demo-password=")) {
			MongoOperations mongo = context.getBean(MongoOperations.class);
			assertThat(mongo.count(new org.springframework.data.mongodb.core.query.Query(), "users")).isZero();
			assertThat(mongo.count(new org.springframework.data.mongodb.core.query.Query(), "products")).isEqualTo(72);
		}
	}

	@Test
	void theSchemaAndTheExampleOperationsAreForWhoeverMayIntrospect() {
		try (ConfigurableApplicationContext context = start("--storefront.store.demo-data=true")) {
			int port = port(context);
			String token = DemoUsers.CAROL.token(port);
			for (String path : List.of("/graphql/schema", "/graphiql/operations")) {
				GatewayClient.http(port).get().uri(path).exchange().expectStatus().isUnauthorized()
					.expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
				GatewayClient.http(port).get().uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
					.exchange().expectStatus().isOk();
			}
		}
		try (ConfigurableApplicationContext context = start("--storefront.store.demo-data=true",
				"--storefront.security.introspection=NONE")) {
			int port = port(context);
			String token = DemoUsers.ADMIN.token(port);
			for (String path : List.of("/graphql/schema", "/graphiql/operations")) {
				GatewayClient.http(port).get().uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
					.exchange().expectStatus().isNotFound();
			}
		}
	}

	@Test
	void graphiqlsViewAsAndItsDemoOrderExistOnlyInDev() {
		try (ConfigurableApplicationContext context = start("--storefront.store.demo-data=true",
				"--storefront.security.introspection=ALL")) {
			int port = port(context);
			String token = DemoUsers.ADMIN.token(port);
			GatewayClient.http(port).get().uri("/graphiql/view-as").exchange().expectStatus().isNotFound();
			GatewayClient.http(port).get().uri("/graphiql/view-as").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
				.exchange().expectStatus().isNotFound();
			assertThat(context.getBean(MongoOperations.class)
				.count(new org.springframework.data.mongodb.core.query.Query(), "orders")).isZero();
		}
	}

	@Test
	void aPathThatDoesNotExistIsNotFoundForEveryone() {
		try (ConfigurableApplicationContext context = start("--storefront.store.demo-data=true")) {
			int port = port(context);
			String token = DemoUsers.ADMIN.token(port);
			for (String path : List.of("/nope", "/admin", "/graphql/nope", "/actuator/env", "/.env")) {
				GatewayClient.http(port).get().uri(path).exchange().expectStatus().isNotFound();
				GatewayClient.http(port).get().uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
					.exchange().expectStatus().isNotFound();
			}
			GatewayClient.http(port).post().uri("/admin/users").exchange().expectStatus().isNotFound();
		}
	}

	@Test
	void anOperatorMakesTheFirstAdminFromTheCommandLine() {
		try (ConfigurableApplicationContext gateway = start()) {
			int port = port(gateway);
			Shopper owner = Shopper.signUp(port);
			java.net.InetSocketAddress store = gateway.getBean(MongoServer.class).getLocalAddress();
			ByteArrayOutputStream printed = new ByteArrayOutputStream();

			int exit = StorefrontApplication.grantAdmin(new String[] { owner.email().toUpperCase(),
					"--spring.mongodb.uri=mongodb://127.0.0.1:" + store.getPort() + "/storefront",
					"--spring.main.banner-mode=off" }, new PrintStream(printed, true, StandardCharsets.UTF_8));

			assertThat(exit).isZero();
			assertThat(printed.toString(StandardCharsets.UTF_8)).contains("ADMIN granted", owner.id());
			Document user = gateway.getBean(MongoOperations.class).findById(new ObjectId(owner.id()), Document.class,
					"users");
			assertThat(user.getList("roles", String.class)).containsExactly("CUSTOMER", "ADMIN");
			owner.graphQl().document("{ users(first: 1) { edges { node { id } } } }").execute().errors().verify();
			assertThat(StorefrontApplication.grantAdmin(new String[] { "nobody@example.com",
					"--spring.mongodb.uri=mongodb://127.0.0.1:" + store.getPort() + "/storefront" },
					new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))).isEqualTo(1);
		}
	}

	@Test
	@SuppressWarnings("unchecked")
	void composeKeepsMongoDbOffPublicInterfacesAndBehindCredentials() throws Exception {
		Map<String, Object> compose = new Yaml().load(Files.readString(Path.of("docker-compose.yml")));
		Map<String, Object> services = (Map<String, Object>) compose.get("services");
		Map<String, Object> mongo = (Map<String, Object>) services.get("mongo");
		Map<String, Object> gateway = (Map<String, Object>) services.get("gateway");

		assertThat((List<String>) mongo.get("ports")).allSatisfy((port) -> assertThat(port).startsWith("127.0.0.1:"));
		assertThat((List<String>) mongo.get("command")).contains("--keyFile");
		assertThat((Map<String, String>) mongo.get("environment")).containsKeys("MONGO_INITDB_ROOT_USERNAME",
				"MONGO_INITDB_ROOT_PASSWORD");
		Map<String, String> environment = (Map<String, String>) gateway.get("environment");
		assertThat(environment.get("MONGODB_URI")).startsWith("mongodb://storefront:${STOREFRONT_DB_PASSWORD}@");
		assertThat(environment).doesNotContainKey("STOREFRONT_STORE_DEMO_DATA");
		// the scaled shape: two gateways reached only through the balancer, which passes WebSocket upgrades on
		assertThat(gateway).doesNotContainKey("ports");
		assertThat((Map<String, Object>) gateway.get("deploy")).containsEntry("replicas", 2);
		assertThat(environment.get("MONGODB_URI")).contains("replicaSet=rs0");
		// events cross between them through a change stream, and a MongoDB without one refuses their start
		assertThat(environment).containsEntry("STOREFRONT_STORE_CHANGES_SOURCE", "change-stream");
		Map<String, Object> balancer = (Map<String, Object>) services.get("balancer");
		assertThat((List<String>) balancer.get("ports")).containsExactly("8080:8080");
		String nginx = (String) ((Map<String, Object>) ((Map<String, Object>) compose.get("configs")).get("balancer"))
			.get("content");
		assertThat(nginx).contains("proxy_set_header Upgrade $$http_upgrade;", "server gateway:8080;",
				"proxy_set_header X-Forwarded-For $$remote_addr;");
	}

	private static ConfigurableApplicationContext start(String... args) {
		return new SpringApplicationBuilder(StorefrontApplication.class).properties("server.port=0").run(args);
	}

	private static int port(ConfigurableApplicationContext context) {
		return ((WebServerApplicationContext) context).getWebServer().getPort();
	}

}
