package io.storefront.gateway.graphql;

import java.time.Duration;
import java.util.List;

import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
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
 * The request path: {@link GraphQlTransport} serves the endpoint, ahead of Spring Boot's own route for the same
 * path; {@link OperationDocuments} decides what each document may do before it runs; {@link Deadlines} bounds
 * each data fetcher by time. graphql-java gets one instrumentation, {@link ParseCancellations}, and no other:
 * every further one would cost on every field of every request (Spring Boot's observation instrumentation is
 * left out in application.yaml for that reason).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class TransportConfiguration {

	@Bean
	@Order(-1)
	RouterFunction<ServerResponse> graphQlTransportRoute(WebGraphQlHandler handler, GatewayProperties properties,
			GraphQlProperties graphQl, JsonMapper responseJson, ObjectProvider<GraphQlSource> graphQlSource,
			ObjectProvider<PublicFields> publicFields) {
		GraphQlTransport transport = new GraphQlTransport(handler, requestJson(), properties.limits(),
				new ClientAddressResolver(properties.trustedProxies()),
				new CachedAnswers(new HttpCaching(graphQlSource, publicFields), responseJson),
				(graphQl.getHttp().getSse().getTimeout() != null) ? graphQl.getHttp().getSse().getTimeout()
						: Duration.ofHours(1),
				(graphQl.getHttp().getSse().getKeepAlive() != null) ? graphQl.getHttp().getSse().getKeepAlive()
						: Duration.ofSeconds(15));
		String path = graphQl.getHttp().getPath();
		return RouterFunctions.route().POST(path, transport::post).GET(path, transport::get).build();
	}

	@Bean
	GraphQlSourceBuilderCustomizer operationDocuments(GatewayProperties properties,
			ObjectProvider<GraphQlSource> graphQlSource, ObjectProvider<OperationGate> gates,
			ObjectProvider<SharedOperations> shared) {
		OperationDocuments documents = new OperationDocuments(new PersistedOperations(properties.persistedQueries(),
				requestJson(), shared.getIfAvailable()), properties, graphQlSource, gates);
		return (builder) -> builder.typeVisitors(List.of(new Deadlines(properties.limits())))
			.configureGraphQl((graphQl) -> graphQl.preparsedDocumentProvider(documents)
				.instrumentation(new ParseCancellations()));
	}

	// strict about duplicate keys, which a lenient parser would silently resolve, and exact about numbers, which
	// as doubles would turn 1e-7000 into 0 and drop digits of a 35-digit amount
	private static JsonMapper requestJson() {
		return JsonMapper.builder()
			.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
			.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
			.build();
	}

}
