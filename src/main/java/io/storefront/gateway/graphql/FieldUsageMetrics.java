package io.storefront.gateway.graphql;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLSchema;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.graphql.execution.GraphQlSource;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.stereotype.Component;

/**
 * Counts, per client, which schema fields each executed operation selects: the counter
 * {@code graphql.field.usage} tagged {@code client}, {@code version} (from the {@code apollographql-client-name}
 * and {@code -version} headers), {@code field} ({@code Type.field}) and {@code deprecated}, readable through
 * actuator metrics. A team sees when a deprecated field is no longer used. Client names are headers anyone can
 * send, so they are sanitized and at most 100 distinct clients are tracked; the rest count as {@code other}. The
 * fields come with the operation's measure, worked out once per document; the counters are looked up once each.
 */
@Component
class FieldUsageMetrics implements WebGraphQlInterceptor {

	static final String METER = "graphql.field.usage";

	private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,40}");

	private static final int MAX_CLIENTS = 100;

	private final MeterRegistry meters;

	private final ObjectProvider<GraphQlSource> graphQlSource;

	private final Set<String> clients = ConcurrentHashMap.newKeySet();

	// per client and version, the counters of each measure (one per document, and identical across requests)
	private final Map<String, Cache<QueryMeasure, Counter[]>> counters = new ConcurrentHashMap<>();

	FieldUsageMetrics(MeterRegistry meters, ObjectProvider<GraphQlSource> graphQlSource) {
		this.meters = meters;
		this.graphQlSource = graphQlSource;
	}

	@Override
	public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
		return chain.next(request).doOnNext((response) -> {
			QueryMeasure measure = response.getExecutionInput().getGraphQLContext().get(QueryMeasure.CONTEXT_KEY);
			if (measure != null && response.isValid()) {
				count(request, measure);
			}
		});
	}

	private void count(WebGraphQlRequest request, QueryMeasure measure) {
		String client = client(request.getHeaders().getFirst("apollographql-client-name"));
		String version = sanitized(request.getHeaders().getFirst("apollographql-client-version"), "unknown");
		Counter[] selected = this.counters
			.computeIfAbsent(client + " " + version, (key) -> Caffeine.newBuilder().weakKeys().maximumSize(10_000).build())
			.get(measure, (key) -> key.fields().stream().map((field) -> counter(client, version, field)).toArray(Counter[]::new));
		for (Counter counter : selected) {
			counter.increment();
		}
	}

	private Counter counter(String client, String version, String field) {
		return Counter.builder(METER)
			.description("Operations that selected a schema field, per client")
			.tag("client", client)
			.tag("version", version)
			.tag("field", field)
			.tag("deprecated", String.valueOf(isDeprecated(this.graphQlSource.getObject().schema(), field)))
			.register(this.meters);
	}

	private String client(@Nullable String header) {
		String client = sanitized(header, "unknown");
		if (this.clients.contains(client) || this.clients.size() < MAX_CLIENTS && this.clients.add(client)) {
			return client;
		}
		return "other";
	}

	private static String sanitized(@Nullable String value, String absent) {
		if (value == null || value.isBlank()) {
			return absent;
		}
		return NAME.matcher(value).matches() ? value : "invalid";
	}

	private static boolean isDeprecated(GraphQLSchema schema, String coordinates) {
		int dot = coordinates.indexOf('.');
		if (!(schema.getType(coordinates.substring(0, dot)) instanceof GraphQLFieldsContainer type)) {
			return false;
		}
		GraphQLFieldDefinition field = type.getFieldDefinition(coordinates.substring(dot + 1));
		return field != null && field.isDeprecated();
	}

}
