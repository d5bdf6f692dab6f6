package io.storefront.gateway.contract;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code java -jar storefront-gateway.jar check-operations PATH [--json]}: checks a {@code .graphql} file, a folder of
 * them, or an Apollo persisted query manifest, against the schema this jar ships. Exits 0 when every
 * operation is valid and within the limits, 1 otherwise, 2 on wrong usage.
 */
public final class OperationCheckCommand {

	public static final String NAME = "check-operations";

	private OperationCheckCommand() {
	}

	public static int run(String[] args, PrintStream out) {
		List<String> arguments = new ArrayList<>(List.of(args));
		boolean json = arguments.remove("--json");
		if (arguments.size() != 1) {
			out.println("usage: java -jar storefront-gateway.jar " + NAME + " <.graphql file | folder of them | manifest.json> [--json]");
			return 2;
		}
		Path path = Path.of(arguments.get(0));
		List<OperationChecker.Result> results;
		try {
			results = check(OperationChecker.forShippedSchema(), path);
		}
		catch (IOException | RuntimeException ex) {
			out.println("Cannot read " + path + ": " + ex.getMessage());
			return 2;
		}
		if (json) {
			out.println(JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build().writeValueAsString(results));
		}
		else {
			results.forEach((result) -> print(result, out));
			long invalid = results.stream().filter((result) -> !result.valid()).count();
			out.println(results.size() + " operations checked, " + invalid + " invalid");
		}
		return results.stream().allMatch(OperationChecker.Result::valid) ? 0 : 1;
	}

	static List<OperationChecker.Result> check(OperationChecker checker, Path path) throws IOException {
		List<OperationChecker.Result> results = new ArrayList<>();
		if (Files.isDirectory(path) || isDocument(path)) {
			try (Stream<Path> files = Files.walk(path)) {
				for (Path file : files.filter(OperationCheckCommand::isDocument).sorted().toList()) {
					results.addAll(checker.check(file.toString(), Files.readString(file, StandardCharsets.UTF_8)));
				}
			}
			return results;
		}
		JsonNode manifest = JsonMapper.builder().build().readTree(path.toFile());
		for (JsonNode operation : manifest.path("operations")) {
			results.addAll(checker.check(path + "#" + operation.path("name").asString(),
					operation.path("body").asString()));
		}
		return results;
	}

	private static boolean isDocument(Path file) {
		return file.toString().endsWith(".graphql") || file.toString().endsWith(".gql");
	}

	private static void print(OperationChecker.Result result, PrintStream out) {
		String title = result.source() + ((result.operation() != null) ? " " + result.type() + " " + result.operation() : "");
		out.println((result.valid() ? "ok      " : "INVALID ") + title);
		result.errors().forEach((problem) -> out.println("  error " + problem.line() + ":" + problem.column() + " "
				+ problem.message()));
		result.overLimits().forEach((excess) -> out.println("  over the " + excess.limit() + " limit: "
				+ excess.measured() + " > " + excess.max()));
		result.deprecations().forEach((problem) -> out.println("  deprecated " + problem.line() + ":" + problem.column()
				+ " " + problem.message()));
		if (result.measure() != null) {
			out.println("  depth " + result.measure().depth() + ", aliases " + result.measure().aliases()
					+ ", root fields " + result.measure().rootFields() + ", cost " + result.measure().cost());
			out.println("  runs fully for: "
					+ (result.runsFullyFor().isEmpty() ? "nobody" : String.join(", ", result.runsFullyFor())));
			result.deniedFor().forEach((audience, denied) -> out.println("  denied for " + audience + ": "
					+ String.join(", ", denied)));
		}
	}

}
