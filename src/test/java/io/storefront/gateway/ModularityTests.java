package io.storefront.gateway;

import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * The feature packages are modules: no cycles between them, and each reaches another only through the types
 * at the top of that package (its service and documents), never into its internals. The diagrams of the
 * modules are regenerated into {@code docs/modules} on every build.
 */
class ModularityTests {

	static final ApplicationModules modules = ApplicationModules.of(StorefrontApplication.class);

	@Test
	void modulesRespectTheirBoundaries() {
		modules.verify();
	}

	// kept in docs/modules so that a change of module structure shows up in review
	@Test
	void moduleDiagramsAreWritten() {
		new Documenter(modules, Documenter.Options.defaults().withOutputFolder("docs/modules")).writeModulesAsPlantUml()
			.writeIndividualModulesAsPlantUml();
	}

}
