package io.storefront.gateway;

import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * The feature packages are modules: no cycles between them, and each reaches another only through the types
 * at the top of that package (its service and documents), never into its internals.
 */
class ModularityTests {

	static final ApplicationModules modules = ApplicationModules.of(StorefrontApplication.class);

	@Test
	void modulesRespectTheirBoundaries() {
		modules.verify();
	}

	// Into target/ on every build; into docs/modules, which is committed, with -Dstorefront.docs.update=true (the
	// generator's order of relations varies between runs, so rewriting docs/ on every build would dirty the tree).
	@Test
	void moduleDiagramsAreWritten() {
		String folder = Boolean.getBoolean("storefront.docs.update") ? "docs/modules" : "target/spring-modulith-docs";
		new Documenter(modules, Documenter.Options.defaults().withOutputFolder(folder)).writeModulesAsPlantUml()
			.writeIndividualModulesAsPlantUml();
	}

}
