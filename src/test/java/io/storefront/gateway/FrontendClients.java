package io.storefront.gateway;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/**
 * The tools frontend teams run against the gateway (Apollo Client, graphql-inspector), as Node.js scripts in
 * {@code src/test/node/frontend-clients}. A test that uses them is skipped where Node.js is not installed, or
 * where npm cannot fetch them; it runs wherever they are.
 */
public final class FrontendClients {

	static final Path HOME = Path.of("src/test/node/frontend-clients");

	private FrontendClients() {
	}

	/** The output of a script that ran. */
	public record Result(int exit, String output) {

	}

	/** Skips the calling test unless Node.js is here and the scripts' packages are installed (by npm ci if not). */
	public static synchronized void assumeInstalled() {
		Assumptions.assumeTrue(run(List.of("node", "--version")).exit() == 0,
				"Node.js is not installed: the frontend client tests are skipped");
		if (!Files.isDirectory(HOME.resolve("node_modules/@apollo/client"))
				|| !Files.isDirectory(HOME.resolve("node_modules/@graphql-inspector/core"))) {
			Result install = run(List.of("npm", "ci", "--no-audit", "--no-fund"));
			Assumptions.assumeTrue(install.exit() == 0,
					() -> "npm could not install the frontend clients (offline?): " + install.output());
		}
	}

	/** Runs {@code node <script> <arguments>} in the scripts' folder. */
	public static Result node(String script, String... arguments) {
		List<String> command = new ArrayList<>(List.of("node", script));
		command.addAll(List.of(arguments));
		return run(command);
	}

	private static Result run(List<String> command) {
		try {
			Process process = new ProcessBuilder(command).directory(HOME.toFile()).redirectErrorStream(true).start();
			byte[] output = process.getInputStream().readAllBytes();
			if (!process.waitFor(5, TimeUnit.MINUTES)) {
				process.destroyForcibly();
				return new Result(-1, "timed out: " + command);
			}
			return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			return new Result(-1, ex.getMessage());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new Result(-1, "interrupted");
		}
	}

}
