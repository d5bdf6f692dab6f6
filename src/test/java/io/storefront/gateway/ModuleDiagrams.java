package io.storefront.gateway;

import java.nio.file.Path;

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

	public static void main(String[] args) {
		write(ApplicationModules.of(StorefrontApplication.class), COMMITTED);
		System.out.println("wrote " + COMMITTED);
	}

}
