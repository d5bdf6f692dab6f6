package io.storefront.gateway.account;

import java.util.List;
import java.util.Map;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.graphql.autoconfigure.GraphQlProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * In the dev profile only: the demo accounts and their password (README lists the dev one), for GraphiQL's
 * "sign in as a demo user". No other profile has this endpoint.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@Profile("dev")
class DemoAccountsPage {

	@Bean
	RouterFunction<ServerResponse> demoAccountsRoute(GraphQlProperties graphQl, DemoAccounts demoAccounts) {
		String password = demoAccounts.password();
		List<Map<String, Object>> accounts = (password == null) ? List.of() : DemoAccounts.USERS.stream()
			.map((user) -> Map.<String, Object>of("email", user.email(), "name", user.name(), "roles", user.roles(),
					"password", password))
			.toList();
		return RouterFunctions.route()
			.GET(graphQl.getGraphiql().getPath() + "/demo-accounts", (request) -> ServerResponse.ok().body(accounts))
			.build();
	}

}
