package io.storefront.gateway.store;

import java.nio.file.Path;

import io.storefront.gateway.StorefrontApplication;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoOperations;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When the embedded store starts and when demo data is loaded into it.
 */
class EmbeddedStoreTests {

	@Test
	void devProfileOnTheEmbeddedStoreLoadsTheDemoCatalog() {
		try (ConfigurableApplicationContext context = start("dev")) {
			assertThat(productCount(context)).isEqualTo(72);
			assertThat(context.getBeansOfType(de.bwaldvogel.mongo.MongoServer.class)).hasSize(1);
		}
	}

	@Test
	void otherProfilesStartEmpty() {
		try (ConfigurableApplicationContext context = start("default")) {
			assertThat(productCount(context)).isZero();
		}
	}

	@Test
	void demoDataCanBeSwitchedOffInDev() {
		try (ConfigurableApplicationContext context = start("dev", "--storefront.store.demo-data=false")) {
			assertThat(productCount(context)).isZero();
		}
	}

	@Test
	void dataKeptInAFileSurvivesARestart(@TempDir Path dir) {
		String path = "--storefront.store.embedded.path=" + dir.resolve("store.mv");
		try (ConfigurableApplicationContext context = start("dev", path)) {
			mongo(context).insert(new Document("note", "kept"), "notes");
		}
		try (ConfigurableApplicationContext context = start("default", path)) {
			assertThat(productCount(context)).isEqualTo(72);
			assertThat(mongo(context).findAll(Document.class, "notes")).singleElement()
				.satisfies((note) -> assertThat(note.getString("note")).isEqualTo("kept"));
		}
	}

	@Test
	void reloadingIntoAFilledStoreAddsNothing(@TempDir Path dir) {
		String path = "--storefront.store.embedded.path=" + dir.resolve("store.mv");
		try (ConfigurableApplicationContext context = start("dev", path)) {
			assertThat(productCount(context)).isEqualTo(72);
		}
		try (ConfigurableApplicationContext context = start("dev", path)) {
			assertThat(productCount(context)).isEqualTo(72);
		}
	}

	static ConfigurableApplicationContext start(String profile, String... args) {
		return new SpringApplicationBuilder(StorefrontApplication.class)
			.profiles(profile)
			.properties("server.port=0")
			.run(args);
	}

	private static long productCount(ConfigurableApplicationContext context) {
		return mongo(context).getCollection("products").countDocuments();
	}

	private static MongoOperations mongo(ConfigurableApplicationContext context) {
		return context.getBean(MongoOperations.class);
	}

}
