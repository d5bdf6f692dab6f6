package io.storefront.gateway.graphql;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import graphql.ExecutionResult;
import graphql.GraphQLContext;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimpleInstrumentationContext;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLSchema;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.stereotype.Component;

/**
 * Counts, per client, which schema fields each executed operation selects: the counter
 * {@code graphql.field.usage} tagged {@code client}, {@code version} (from the {@code apollographql-client-name}
 * and {@code -version} headers), {@code field} ({@code Type.field}) and {@code deprecated}, readable through
 * actuator metrics. A team sees when a deprecated field is no longer used. Client names are headers anyone can
 * send, so they are sanitized and at most 100 distinct clients are tracked; the rest count as {@code other}.
 */
@Component
class FieldUsageMetrics extends SimplePerformantInstrumentation implements WebGraphQlInterceptor {

	static final String METER = "graphql.field.usage";

	private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,40}");

	private static final int MAX_CLIENTS = 100;

	private static final String CLIENT = FieldUsageMetrics.class.getName() + ".client";

	private static final String VERSION = FieldUsageMetrics.class.getName() + ".version";

	private final MeterRegistry meters;

	private final Set<String> clients = ConcurrentHashMap.newKeySet();

	FieldUsageMetrics(MeterRegistry meters) {
		this.meters = meters;
	}

	@Override
	public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
		String client = client(request.getHeaders().getFirst("apollographql-client-name"));
		String version = sanitized(request.getHeaders().getFirst("apollographql-client-version"), "unknown");
		request.configureExecutionInput((input, builder) -> builder
			.graphQLContext((context) -> context.put(CLIENT, client).put(VERSION, version))
			.build());
		return chain.next(request);
	}

	@Override
	public @Nullable InstrumentationContext<ExecutionResult> beginExecuteOperation(
			InstrumentationExecuteOperationParameters parameters, InstrumentationState state) {
		GraphQLContext context = parameters.getExecutionContext().getGraphQLContext();
		QueryMeasure measure = context.get(QueryMeasure.CONTEXT_KEY);
		if (measure != null) {
			GraphQLSchema schema = parameters.getExecutionContext().getGraphQLSchema();
			String client = context.getOrDefault(CLIENT, "unknown");
			String version = context.getOrDefault(VERSION, "unknown");
			for (String field : measure.fields()) {
				Counter.builder(METER)
					.description("Operations that selected a schema field, per client")
					.tag("client", client)
					.tag("version", version)
					.tag("field", field)
					.tag("deprecated", String.valueOf(isDeprecated(schema, field)))
					.register(this.meters)
					.increment();
			}
		}
		return SimpleInstrumentationContext.noOp();
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
