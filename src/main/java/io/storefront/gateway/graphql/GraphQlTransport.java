package io.storefront.gateway.graphql;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import graphql.GraphQLError;
import graphql.execution.preparsed.persisted.PersistedQuerySupport;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import io.storefront.gateway.kernel.ClientAddress;
import io.storefront.gateway.kernel.ErrorCode;

import org.springframework.graphql.MediaTypes;
import org.springframework.graphql.server.WebGraphQlHandler;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.support.DefaultGraphQlRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * GraphQL over HTTP, for what Spring for GraphQL's own handler does not do: GET for queries, a bound on the body,
 * and the statuses of the GraphQL-over-HTTP spec (malformed or batched JSON 400, a body over the limit 413,
 * another content type 415, a mutation over GET 405, and 400 under {@code application/graphql-response+json}
 * when nothing was executed). What the document holds is decided by {@link OperationDocuments}; this reads the
 * request, hands it on, and answers with the caching headers {@link CachedAnswers} gives, with one log line per
 * request.
 */
final class GraphQlTransport {

	private static final Logger logger = LoggerFactory.getLogger(GraphQlTransport.class);

	private final WebGraphQlHandler handler;

	private final GraphQlRequestReader reader;

	private final ClientAddressResolver clients;

	private final CachedAnswers answers;

	private final RequestLog log = new RequestLog();

	// request ids need to be unique, not unguessable: a counter spares SecureRandom on every request
	private final String idPrefix = UUID.randomUUID().toString().substring(0, 8) + "-";

	private final AtomicLong ids = new AtomicLong();

	// how long a subscription over Server-Sent Events may last
	private final Duration streamTimeout;

	// how often an idle event stream is written to, to learn whether its client is still there
	private final Duration keepAlive;

	GraphQlTransport(WebGraphQlHandler handler, JsonMapper json, GatewayProperties.Limits limits,
			ClientAddressResolver clients, CachedAnswers answers, Duration streamTimeout, Duration keepAlive) {
		this.handler = handler;
		this.streamTimeout = streamTimeout;
		this.keepAlive = keepAlive;
		this.reader = new GraphQlRequestReader(json, limits.maxBody());
		this.clients = clients;
		this.answers = answers;
	}

	ServerResponse post(ServerRequest request) {
		Exchange exchange = exchange(request);
		try {
			return answer(exchange, this.reader.readPost(request));
		}
		catch (GraphQlRequestReader.UnreadableRequestException ex) {
			return transportError(exchange, ex.status(), ex.getMessage());
		}
	}

	ServerResponse get(ServerRequest request) {
		Exchange exchange = exchange(request);
		try {
			return answer(exchange, this.reader.readGet(request));
		}
		catch (GraphQlRequestReader.UnreadableRequestException ex) {
			return transportError(exchange, ex.status(), ex.getMessage());
		}
	}

	/** One HTTP request being answered: when it started, who sent it, and what they accept. */
	record Exchange(ServerRequest request, long start, ClientAddress client, MediaType responseType) {

	}

	private Exchange exchange(ServerRequest request) {
		ClientAddress client = this.clients.resolve(request.servletRequest().getRemoteAddr(),
				request.headers().header("X-Forwarded-For"));
		return new Exchange(request, System.nanoTime(), client, responseType(request));
	}

	private ServerResponse answer(Exchange exchange, Map<String, Object> body) {
		WebGraphQlRequest graphQlRequest = graphQlRequest(exchange, body);
		if (graphQlRequest == null) {
			return transportError(exchange, HttpStatus.BAD_REQUEST, "The request has no query.");
		}
		WebGraphQlResponse response;
		try {
			response = this.handler.handleRequest(graphQlRequest).block();
		}
		catch (RuntimeException ex) {
			String errorId = UUID.randomUUID().toString();
			logger.error("Internal error {} while handling a request", errorId, ex);
			return errorResponse(exchange, HttpStatus.INTERNAL_SERVER_ERROR, GraphQlErrors.internal(errorId).build());
		}
		return executed(exchange, response);
	}

	/** The request for GraphQL: its text, or the marker of a persisted query sent by hash alone; null if neither. */
	private @Nullable WebGraphQlRequest graphQlRequest(Exchange exchange, Map<String, Object> body) {
		Object query = body.get("query");
		@SuppressWarnings("unchecked")
		Map<String, Object> extensions = (Map<String, Object>) body.get("extensions");
		String document;
		if (query instanceof String text && !text.isBlank()) {
			document = text;
		}
		else if (extensions != null && extensions.get("persistedQuery") != null) {
			document = PersistedQuerySupport.PERSISTED_QUERY_MARKER;
		}
		else {
			return null;
		}
		@SuppressWarnings("unchecked")
		Map<String, @Nullable Object> variables = (Map<String, @Nullable Object>) body.get("variables");
		ServerRequest request = exchange.request();
		WebGraphQlRequest graphQlRequest = new WebGraphQlRequest(request.uri(), request.headers().asHttpHeaders(), null,
				request.remoteAddress().orElse(null), request.attributes(),
				new DefaultGraphQlRequest(document, (String) body.get("operationName"), variables, extensions),
				this.idPrefix + this.ids.incrementAndGet(), request.servletRequest().getLocale());
		String method = request.method().name();
		ClientAddress client = exchange.client();
		graphQlRequest.configureExecutionInput((input, builder) -> builder
			.graphQLContext((context) -> context.put(ClientAddress.CONTEXT_KEY, client)
				.put(OperationDocuments.HTTP_METHOD, method))
			.build());
		return graphQlRequest;
	}

	private ServerResponse executed(Exchange exchange, WebGraphQlResponse response) {
		if (response.getExecutionResult().getData() instanceof Publisher<?> events) {
			if (!exchange.request().headers().accept().contains(MediaType.TEXT_EVENT_STREAM)) {
				return transportError(exchange, HttpStatus.NOT_ACCEPTABLE, "A subscription is served over WebSocket, "
						+ "or over Server-Sent Events to a request that accepts text/event-stream.");
			}
			this.log.write(exchange, HttpStatus.OK, RequestLog.nameOrNull(
					response.getExecutionInput().getOperationName()), List.of());
			return EventStream.of(events, this.streamTimeout, this.keepAlive);
		}
		var context = response.getExecutionInput().getGraphQLContext();
		boolean methodRefused = Boolean.TRUE.equals(context.get(OperationDocuments.METHOD_REFUSED));
		Map<String, Object> result = response.toMap();
		HttpStatus status = methodRefused ? HttpStatus.METHOD_NOT_ALLOWED
				: (MediaTypes.APPLICATION_GRAPHQL_RESPONSE.equals(exchange.responseType()) && !result.containsKey("data"))
						? HttpStatus.BAD_REQUEST : HttpStatus.OK;
		String operation = context.get(OperationDocuments.LABEL);
		if (operation == null && response.getExecutionInput().getOperationName() != null) {
			operation = RequestLog.nameOrNull(response.getExecutionInput().getOperationName());
		}
		ServerResponse.BodyBuilder answer = ServerResponse.status(status).contentType(exchange.responseType());
		if (methodRefused) {
			answer.header(HttpHeaders.ALLOW, HttpMethod.POST.name());
		}
		retryAfter(response).ifPresent((seconds) -> answer.header(HttpHeaders.RETRY_AFTER, String.valueOf(seconds)));
		ServerResponse answered = this.answers.answer(exchange.request(), answer,
				this.answers.cacheControl(exchange.request(), response, status), result);
		List<String> codes = response.getErrors()
			.stream()
			.map((error) -> String.valueOf(error.getExtensions().get("code")))
			.toList();
		this.log.write(exchange, HttpStatus.valueOf(answered.statusCode().value()), operation, codes);
		return answered;
	}

	/** When an error says how long to wait ({@code extensions.retryAfter}), the longest wait, for the HTTP header. */
	private static OptionalLong retryAfter(WebGraphQlResponse response) {
		return response.getErrors()
			.stream()
			.map((error) -> error.getExtensions().get("retryAfter"))
			.filter(Number.class::isInstance)
			.mapToLong((seconds) -> ((Number) seconds).longValue())
			.max();
	}

	private static MediaType responseType(ServerRequest request) {
		for (MediaType accepted : request.headers().accept()) {
			if (accepted.isCompatibleWith(MediaTypes.APPLICATION_GRAPHQL_RESPONSE) && !accepted.isWildcardType()) {
				return MediaTypes.APPLICATION_GRAPHQL_RESPONSE;
			}
		}
		return MediaType.APPLICATION_JSON;
	}

	private ServerResponse transportError(Exchange exchange, HttpStatus status, String message) {
		return errorResponse(exchange, status,
				GraphQlErrors.ofRequest(ErrorCode.BAD_USER_INPUT, message, Map.of()).build());
	}

	private ServerResponse errorResponse(Exchange exchange, HttpStatus status, GraphQLError error) {
		this.log.write(exchange, status, null, List.of(String.valueOf(error.getExtensions().get("code"))));
		return ServerResponse.status(status)
			.contentType(exchange.responseType())
			.body(Map.of("errors", List.of(error.toSpecification())));
	}

}
