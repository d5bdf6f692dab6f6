package io.storefront.gateway.graphql;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.graphql.autoconfigure.GraphQlProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * GraphiQL as frontend teams need it: served from the jar (no CDN, so it works offline), with the example
 * operations of {@code docs/operations} open as tabs ({@link GraphiQlOperations}, for callers who may see the
 * schema), the docs explorer, and, in the dev profile, a way to sign in as a demo user so that every operation
 * carries that user's token.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class GraphiQlPage {

	@Bean
	@Order(-1)
	RouterFunction<ServerResponse> graphiQlRoutes(GraphQlProperties graphQl) {
		String page = page(graphQl.getHttp().getPath());
		return RouterFunctions.route()
			.GET(graphQl.getGraphiql().getPath(),
					(request) -> ServerResponse.ok().contentType(MediaType.TEXT_HTML).body(page))
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

}
