package io.storefront.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packages are modules: no cycles between them, and each reaches another only through the types at the top
 * of that package (its service and documents), never into its internals. On top of that, the lines the
 * architecture draws: no feature imports the transport, the transport knows no feature, and the kernel depends
 * on nothing of ours. The diagrams committed in {@code docs/modules} show what the code is.
 */
class ModularityTests {

	static final ApplicationModules modules = ApplicationModules.of(StorefrontApplication.class);

	static final Set<String> FEATURES = Set.of("catalog", "cart", "order", "account");

	@Test
	void modulesRespectTheirBoundaries() {
		modules.verify();
	}

	@ParameterizedTest
	@ValueSource(strings = { "catalog", "cart", "order", "account" })
	void noFeatureImportsTheTransport(String feature) {
		assertThat(dependenciesOf(feature)).contains("kernel").doesNotContain("graphql");
	}

	@Test
	void theTransportKnowsNoFeature() {
		assertThat(dependenciesOf("graphql")).containsExactly("kernel");
	}

	@Test
	void theKernelDependsOnNothingOfOurs() {
		assertThat(dependenciesOf("kernel")).isEmpty();
	}

	@Test
	void securityKnowsNoFeature() {
		assertThat(dependenciesOf("security")).doesNotContainAnyElementsOf(FEATURES);
	}

	@Test
	void committedDiagramsShowTheCode() {
		Path generated = Path.of("target/modules-check");
		ModuleDiagrams.write(modules, generated);

		// the generator orders relations differently from run to run: compare each file as a set of lines
		assertThat(linesByFile(ModuleDiagrams.COMMITTED))
			.as("docs/modules is stale; regenerate it with ./mvnw -Pdocs (see README)")
			.isEqualTo(linesByFile(generated));
	}

	private static List<String> dependenciesOf(String name) {
		ApplicationModule module = modules.getModuleByName(name).orElseThrow();
		return module.getDirectDependencies(modules)
			.uniqueModules()
			.map(ApplicationModule::getName)
			.sorted()
			.toList();
	}

	private static Map<String, Set<String>> linesByFile(Path folder) {
		try (Stream<Path> files = Files.list(folder)) {
			return files.filter((file) -> file.toString().endsWith(".puml"))
				.collect(Collectors.toMap((file) -> file.getFileName().toString(), ModularityTests::lines, (a, b) -> a,
						TreeMap::new));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Set<String> lines(Path file) {
		try {
			return ModuleDiagrams.lines(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
