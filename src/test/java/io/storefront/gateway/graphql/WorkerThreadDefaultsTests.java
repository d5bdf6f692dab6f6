package io.storefront.gateway.graphql;

import java.util.Map;
import java.util.concurrent.Executor;

import org.apache.tomcat.util.threads.ThreadPoolExecutor;
import org.junit.jupiter.api.Test;

import io.storefront.gateway.GatewayHttpTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/** Tomcat's worker pool is sized to the machine unless the operator sizes it. */
@GatewayHttpTest
class WorkerThreadDefaultsTests {

	@Test
	void theRunningServerHasThem(@Autowired WebServerApplicationContext context) {
		TomcatWebServer server = (TomcatWebServer) context.getWebServer();
		Executor executor = server.getTomcat().getConnector().getProtocolHandler().getExecutor();

		assertThat(executor).isInstanceOfSatisfying(ThreadPoolExecutor.class, (pool) -> assertThat(
				pool.getMaximumPoolSize())
			.isEqualTo(8 * Runtime.getRuntime().availableProcessors()));
	}

	@Test
	void eightWorkersPerProcessorByDefault() {
		StandardEnvironment environment = new StandardEnvironment();

		new WorkerThreadDefaults().postProcessEnvironment(environment, new SpringApplication());

		int expected = 8 * Runtime.getRuntime().availableProcessors();
		assertThat(environment.getProperty("server.tomcat.threads.max", Integer.class)).isEqualTo(expected);
		assertThat(environment.getProperty("server.tomcat.threads.min-spare", Integer.class)).isEqualTo(expected);
	}

	@Test
	void anOperatorsSettingWins() {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.addFirst(new MapPropertySource("operator", Map.of("server.tomcat.threads.max", "200")));

		new WorkerThreadDefaults().postProcessEnvironment(environment, new SpringApplication());

		assertThat(environment.getProperty("server.tomcat.threads.max")).isEqualTo("200");
	}

}
