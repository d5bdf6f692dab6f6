package io.storefront.gateway;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * Writes the module diagrams (PlantUML, one for all modules and one per module). {@code ./mvnw -Pdocs} runs it
 * to refresh the committed ones in {@code docs/modules}; {@link ModularityTests} fails while they are stale.
 */
public final class ModuleDiagrams {

	static final Path COMMITTED = Path.of("docs/modules");

	private ModuleDiagrams() {
	}

	static void write(ApplicationModules modules, Path folder) {
		new Documenter(modules, Documenter.Options.defaults().withOutputFolder(folder.toString()))
			.writeModulesAsPlantUml()
			.writeIndividualModulesAsPlantUml();
	}

	/**
	 * Writes the diagrams into {@code docs/modules}, replacing only those whose content changed: the generator orders
	 * relations differently from run to run, and a reordered file is no change worth a commit.
	 */
	public static void main(String[] args) throws IOException {
		Path fresh = Files.createTempDirectory("modules");
		write(ApplicationModules.of(StorefrontApplication.class), fresh);
		try (Stream<Path> files = Files.list(fresh)) {
			for (Path file : files.toList()) {
				Path committed = COMMITTED.resolve(file.getFileName());
				if (!Files.exists(committed) || !lines(committed).equals(lines(file))) {
					Files.copy(file, committed, StandardCopyOption.REPLACE_EXISTING);
					System.out.println("wrote " + committed);
				}
			}
		}
	}

	static Set<String> lines(Path file) throws IOException {
		return Files.readAllLines(file).stream().map(String::strip).collect(Collectors.toSet());
	}

}
