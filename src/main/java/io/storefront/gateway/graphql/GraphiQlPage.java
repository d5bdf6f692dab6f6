package io.storefront.gateway.graphql;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.springframework.boot.graphql.autoconfigure.GraphQlProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * GraphiQL as frontend teams need it: served from the jar (no CDN, so it works offline), with the example
 * operations of {@code docs/operations} open as tabs, the docs explorer, and, in the dev profile, a way to sign
 * in as a demo user so that every operation carries that user's token.
 */
@Configuration(proxyBeanMethods = false)
class GraphiQlPage {

	static final String WELCOME = """
			# Welcome. The tabs hold the operations of the main frontend flows (docs/operations).
			# Press the run button, or Ctrl-Enter.
			query welcome {
			  products(first: 3, sort: PRICE_ASC) {
			    edges {
			      node {
			        name
			        price {
			          amount
			          currency
			        }
			      }
			    }
			  }
			}
			""";

	@Bean
	@Order(-1)
	RouterFunction<ServerResponse> graphiQlRoutes(GraphQlProperties graphQl) {
		String page = page(graphQl.getHttp().getPath());
		List<Map<String, String>> operations = operations();
		return RouterFunctions.route()
			.GET(graphQl.getGraphiql().getPath(),
					(request) -> ServerResponse.ok().contentType(MediaType.TEXT_HTML).body(page))
			.GET(graphQl.getGraphiql().getPath() + "/operations", (request) -> ServerResponse.ok().body(operations))
			.build();
	}

	private static String page(String graphQlPath) {
		try {
			// the build filled in the web jar versions; the endpoint's path is configuration
			return new ClassPathResource("graphiql/index.html").getContentAsString(StandardCharsets.UTF_8)
				.replace("@graphql.path@", graphQlPath);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The welcome tab first, then every example operation, by file name. */
	static List<Map<String, String>> operations() {
		List<Map<String, String>> operations = new ArrayList<>();
		operations.add(Map.of("name", "welcome", "query", WELCOME));
		try {
			Resource[] files = new PathMatchingResourcePatternResolver().getResources("classpath*:operations/*.graphql");
			Arrays.sort(files, Comparator.comparing(Resource::getFilename));
			for (Resource file : files) {
				operations.add(Map.of("name", file.getFilename().replace(".graphql", ""), "query",
						file.getContentAsString(StandardCharsets.UTF_8)));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return operations;
	}

}
