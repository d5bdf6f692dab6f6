package io.storefront.gateway.contract;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.storefront.gateway.DemoUsers;
import io.storefront.gateway.FrontendClients;
import io.storefront.gateway.GatewayClient;
import io.storefront.gateway.GatewayHttpTest;
import io.storefront.gateway.graphql.SchemaAsWritten;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract a frontend CI diffs against is the schema as written: {@code schema/}, the released file and the
 * running gateway's {@code /graphql/schema} declare the same thing, compared two by two both with the
 * breaking-change gate's diff and as canonical SDL (descriptions, directives and all). Comments stay comments,
 * and the directives graphql-java adds to every schema are not part of it.
 */
@GatewayHttpTest
class SchemaAsWrittenTests {

	@LocalServerPort
	int port;

	@Test
	void theFilesTheReleasedContractAndTheServedSchemaDeclareTheSameSchema() throws IOException {
		Map<String, String> texts = Map.of("schema/", files(), "released.graphqls",
				Files.readString(SchemaCompatibilityTests.RELEASED), "/graphql/schema", served());

		for (Map.Entry<String, String> a : texts.entrySet()) {
			for (Map.Entry<String, String> b : texts.entrySet()) {
				if (a.getKey().compareTo(b.getKey()) >= 0) {
					continue;
				}
				SchemaGate.Report diff = SchemaGate.compare(SchemaAsWritten.declaredBy(a.getValue()),
						SchemaAsWritten.declaredBy(b.getValue()));
				assertThat(diff.breaking()).as(a.getKey() + " vs " + b.getKey()).isEmpty();
				assertThat(diff.dangerous()).as(a.getKey() + " vs " + b.getKey()).isEmpty();
				assertThat(diff.safe()).as(a.getKey() + " vs " + b.getKey()).isEmpty();
				assertThat(canonical(a.getValue())).as(a.getKey() + " vs " + b.getKey())
					.isEqualTo(canonical(b.getValue()));
			}
		}
	}

	@Test
	void graphqlInspectorSeesNoChangeBetweenAnyTwo() throws IOException {
		FrontendClients.assumeInstalled();
		Path folder = Files.createDirectories(Path.of("target/sdl-diff"));
		Map<String, Path> files = Map.of("schema/", Files.writeString(folder.resolve("files.graphqls"), files()),
				"released.graphqls", SchemaCompatibilityTests.RELEASED.toAbsolutePath(), "/graphql/schema",
				Files.writeString(folder.resolve("served.graphqls"), served()));

		for (Map.Entry<String, Path> a : files.entrySet()) {
			for (Map.Entry<String, Path> b : files.entrySet()) {
				if (!a.getKey().equals(b.getKey())) {
					assertThat(inspectorDiff(a.getValue(), b.getValue())).as(a.getKey() + " vs " + b.getKey())
						.isEqualTo("[]");
				}
			}
		}
		// and it does see a change: edges that may hold nulls again
		Path nullableEdges = Files.writeString(folder.resolve("nullable-edges.graphqls"),
				files().replace("edges: [ProductEdge!]!", "edges: [ProductEdge]!"));
		assertThat(inspectorDiff(files.get("schema/"), nullableEdges)).contains("BREAKING", "ProductConnection.edges");
	}

	private static String inspectorDiff(Path before, Path after) {
		FrontendClients.Result diff = FrontendClients.node("sdl-diff.mjs", before.toAbsolutePath().toString(),
				after.toAbsolutePath().toString());
		assertThat(diff.exit()).as(diff.output()).isZero();
		return diff.output().strip();
	}

	@Test
	void theContractHoldsNoBuiltInDirectiveNoLibraryDescriptionAndNoComment() throws IOException {
		String released = Files.readString(SchemaCompatibilityTests.RELEASED);

		assertThat(released).doesNotContain("@defer", "directive @experimental_disableErrorPropagation", "@oneOf",
				"directive @deprecated", "directive @include");
		// a maintainer's note in product.graphqls, and the extended scalars library's own wording
		assertThat(released).doesNotContain("SchemaMappingCheck", "Relay connection", "RFC-3339 compliant",
				"A slightly refined version");
		assertThat(released).contains("directive @hasRole", "directive @cacheControl", "scalar Decimal",
				"An exact decimal number, sent as a JSON string");
		assertThat(served()).isEqualTo(released);
	}

	@Test
	void introspectionDescribesScalarsAsWrittenAndCommentsNotAtAll() {
		assertThat(description("Decimal"))
			.startsWith("An exact decimal number, sent as a JSON string in plain decimal notation");
		assertThat(description("DateTime"))
			.isEqualTo("An instant in time, RFC 3339 with offset, for example `2026-01-01T12:00:00.000Z`.");
		assertThat(description("ProductConnection")).isNull();
	}

	private String description(String type) {
		return (String) DemoUsers.CAROL.graphQl(this.port)
			.document("query description($name: String!) { __type(name: $name) { description } }")
			.variable("name", type)
			.execute()
			.path("__type")
			.entity(Map.class)
			.get()
			.get("description");
	}

	@Test
	void edgeListsHoldNoNullsAsIntrospected() {
		for (String connection : List.of("ProductConnection", "OrderConnection", "UserConnection")) {
			var edges = DemoUsers.CAROL.graphQl(this.port)
				.document("query edges($name: String!) { __type(name: $name) { fields { name type { kind ofType "
						+ "{ kind ofType { kind ofType { name } } } } } } }")
				.variable("name", connection)
				.execute()
				.path("__type.fields[?(@.name == 'edges')].type")
				.entityList(Map.class)
				.get();

			assertThat(edges).as(connection).singleElement().isEqualTo(Map.of("kind", "NON_NULL", "ofType",
					Map.of("kind", "LIST", "ofType", Map.of("kind", "NON_NULL", "ofType",
							Map.of("name", connection.replace("Connection", "Edge"))))));
		}
	}

	private String served() {
		return new String(GatewayClient.http(this.port)
			.get()
			.uri("/graphql/schema")
			.header("Authorization", "Bearer " + DemoUsers.CAROL.token(this.port))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.returnResult()
			.getResponseBody(), java.nio.charset.StandardCharsets.UTF_8);
	}

	private static String files() throws IOException {
		try (Stream<Path> paths = Files.list(Path.of("schema"))) {
			List<Path> sorted = paths.filter((path) -> path.toString().endsWith(".graphqls")).sorted().toList();
			StringBuilder all = new StringBuilder();
			for (Path path : sorted) {
				all.append(Files.readString(path)).append('\n');
			}
			return all.toString();
		}
	}

	private static String canonical(String sdl) {
		return SchemaAsWritten.print(SchemaAsWritten.declaredBy(sdl));
	}

}
