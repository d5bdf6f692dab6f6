package io.storefront.gateway.account;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.graphql.autoconfigure.GraphQlProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.io.ClassPathResource;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * In the dev profile only: GraphiQL's "view as". It lists the demo accounts with their password (README lists
 * the dev one) and the kind of caller each stands for, and an example operation
 * whose answer differs for each of them. Choosing one signs GraphiQL in as that account through {@code logIn},
 * so what it shows is what the gateway answers that caller. No other profile has this endpoint.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@Profile("dev")
class DemoAccountsPage {

	@Bean
	RouterFunction<ServerResponse> viewAsRoute(GraphQlProperties graphQl, DemoAccounts demoAccounts) {
		String password = demoAccounts.password();
		List<Map<String, Object>> views = (password == null) ? List.of() : DemoAccounts.USERS.stream()
			.map((user) -> Map.<String, Object>of("view", user.view(), "email", user.email(), "name", user.name(),
					"roles", user.roles(), "password", password))
			.toList();
		Map<String, Object> body = Map.of("views", views, "example", example());
		return RouterFunctions.route()
			.GET(graphQl.getGraphiql().getPath() + "/view-as", (request) -> ServerResponse.ok().body(body))
			.build();
	}

	private static String example() {
		try {
			return new ClassPathResource("graphiql/view-as.graphql").getContentAsString(StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
