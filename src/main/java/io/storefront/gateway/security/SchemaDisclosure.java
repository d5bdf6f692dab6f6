package io.storefront.gateway.security;

import java.util.List;
import java.util.Map;

import io.storefront.gateway.graphql.GraphiQlOperations;
import io.storefront.gateway.graphql.SchemaAsWritten;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.graphql.autoconfigure.GraphQlProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.graphql.execution.GraphQlSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.function.HandlerFunction;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * What else tells the schema besides introspection, told to the same callers: the schema as its files declare
 * it ({@code /graphql/schema}, the same text as the released contract) and GraphiQL's example operations ({@code /graphiql/operations}). With introspection
 * for signed-in callers only, an anonymous request gets 401; with introspection off, these paths do not exist
 * (404).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class SchemaDisclosure {

	@Bean
	@Order(-1)
	RouterFunction<ServerResponse> schemaDisclosureRoutes(GraphQlProperties graphQl, GraphQlSource graphQlSource,
			IntrospectionPolicy introspection) {
		List<Map<String, String>> operations = GraphiQlOperations.all();
		return RouterFunctions.route()
			.GET(graphQl.getHttp().getPath() + "/schema", disclosed(introspection, (request) -> ServerResponse.ok()
				.contentType(MediaType.TEXT_PLAIN)
				.body(SchemaAsWritten.print(graphQlSource.schema()))))
			.GET(graphQl.getGraphiql().getPath() + "/operations",
					disclosed(introspection, (request) -> ServerResponse.ok().body(operations)))
			.build();
	}

	private static HandlerFunction<ServerResponse> disclosed(IntrospectionPolicy introspection,
			HandlerFunction<ServerResponse> handler) {
		return (request) -> {
			Caller caller = CallerInterceptor.callerOf(SecurityContextHolder.getContext().getAuthentication());
			return switch (introspection.decide(caller)) {
				case ALLOWED -> handler.handle(request);
				case SIGN_IN_FIRST -> ServerResponse.status(HttpStatus.UNAUTHORIZED)
					.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
					.build();
				case NOT_HERE -> ServerResponse.notFound().build();
			};
		};
	}

}
