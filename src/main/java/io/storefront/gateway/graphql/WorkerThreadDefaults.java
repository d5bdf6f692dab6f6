package io.storefront.gateway.graphql;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Sizes Tomcat's worker pool to the machine rather than Tomcat's fixed 200.
 * <p>
 * A request here spends a few hundred microseconds of CPU and waits on MongoDB for about as long, so a handful of
 * threads per core keeps every core busy. Measured on one core at 64 connections, 200 threads served about half
 * of what 8 did, with a p99 several times worse: the extra threads only queue on the CPU, switch and contend for
 * the driver's connection pool. Fewer than 8 left the core idle whenever all of them waited on a busy store (in
 * the peers benchmark, 4 served 0.65 to 0.76 of the plain REST endpoint's rate; 8, once warm, 0.88).
 * Connections beyond the pool wait in Tomcat's accept queue, not in a thread.
 * <p>
 * The defaults go last, so {@code server.tomcat.threads.max} and {@code server.tomcat.threads.min-spare} set
 * anywhere (a property, {@code SERVER_TOMCAT_THREADS_MAX}, a command-line flag) win; raise them when the store is
 * far away and each request waits longer on it.
 */
public class WorkerThreadDefaults implements EnvironmentPostProcessor {

	static final int THREADS_PER_CORE = 8;

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		int threads = THREADS_PER_CORE * Runtime.getRuntime().availableProcessors();
		environment.getPropertySources()
			.addLast(new MapPropertySource("storefrontWorkerThreadDefaults",
					Map.of("server.tomcat.threads.max", threads, "server.tomcat.threads.min-spare", threads)));
	}

}
