package io.storefront.gateway.graphql;

import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.graphql.autoconfigure.GraphQlProperties;
import org.springframework.boot.graphql.autoconfigure.GraphQlSourceBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.graphql.execution.GraphQlSource;
import org.springframework.graphql.server.WebGraphQlHandler;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * Serves the GraphQL endpoint through {@link GraphQlTransport}, ahead of Spring Boot's own route for the same
 * path, and installs the bounded document cache.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class TransportConfiguration {

	@Bean
	@Order(-1)
	RouterFunction<ServerResponse> graphQlTransportRoute(WebGraphQlHandler handler, GatewayProperties properties,
			GraphQlProperties graphQl) {
		// its own reader: strict about duplicate keys, which a lenient parser would silently resolve, and exact
		// about numbers, which as doubles would turn 1e-7000 into 0 and drop digits of a 35-digit amount
		JsonMapper json = JsonMapper.builder()
			.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
			.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
			.build();
		GraphQlTransport transport = new GraphQlTransport(handler, json,
				new PersistedOperations(properties.persistedQueries(), json), properties.limits(),
				new ClientAddressResolver(properties.trustedProxies()));
		String path = graphQl.getHttp().getPath();
		return RouterFunctions.route().POST(path, transport::post).GET(path, transport::get).build();
	}

	@Bean
	GraphQlSourceBuilderCustomizer documentCache(GatewayProperties properties,
			ObjectProvider<GraphQlSource> graphQlSource) {
		DocumentCache cache = new DocumentCache(properties.documentCacheSize(), properties.limits(), graphQlSource);
		return (builder) -> builder.configureGraphQl((graphQl) -> graphQl.preparsedDocumentProvider(cache));
	}

}
