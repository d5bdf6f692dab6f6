package io.storefront.gateway.graphql;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import graphql.GraphQLError;
import graphql.language.Document;
import graphql.language.OperationDefinition;
import graphql.parser.Parser;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import io.storefront.gateway.kernel.ClientAddress;
import io.storefront.gateway.kernel.ErrorCode;
import io.storefront.gateway.kernel.StorefrontException;

import org.springframework.graphql.MediaTypes;
import org.springframework.graphql.ResponseError;
import org.springframework.graphql.server.WebGraphQlHandler;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * GraphQL over HTTP, as the GraphQL-over-HTTP spec has it: POST with {@code application/json}, GET for queries
 * only, {@code application/graphql-response+json} when asked for. Everything a client can get wrong at the
 * HTTP level gets a GraphQL-shaped error body and its status: malformed or batched JSON 400, a body over the
 * limit 413, another content type 415, a mutation over GET 405. Persisted operations are resolved here, before
 * the request reaches GraphQL. One log line per request says what ran, how long it took, and how it ended.
 */
final class GraphQlTransport {

	private static final Logger logger = LoggerFactory.getLogger(GraphQlTransport.class);

	// what the client sent is logged only when it is a GraphQL name, so that no line break can forge a log line
	private static final Pattern GRAPHQL_NAME = Pattern.compile("[_A-Za-z][_0-9A-Za-z]{0,99}");

	private final WebGraphQlHandler handler;

	private final GraphQlRequestReader reader;

	private final PersistedOperations persisted;

	private final GatewayProperties.Limits limits;

	private final ClientAddressResolver clients;

	GraphQlTransport(WebGraphQlHandler handler, JsonMapper json, PersistedOperations persisted,
			GatewayProperties.Limits limits, ClientAddressResolver clients) {
		this.handler = handler;
		this.reader = new GraphQlRequestReader(json, limits.maxBody());
		this.persisted = persisted;
		this.limits = limits;
		this.clients = clients;
	}

	ServerResponse post(ServerRequest request) {
		Exchange exchange = new Exchange(request, System.nanoTime(), clientOf(request));
		try {
			return execute(exchange, this.reader.readPost(request));
		}
		catch (GraphQlRequestReader.UnreadableRequestException ex) {
			return transportError(exchange, ex.status(), ex.getMessage());
		}
	}

	ServerResponse get(ServerRequest request) {
		Exchange exchange = new Exchange(request, System.nanoTime(), clientOf(request));
		try {
			return execute(exchange, this.reader.readGet(request));
		}
		catch (GraphQlRequestReader.UnreadableRequestException ex) {
			return transportError(exchange, ex.status(), ex.getMessage());
		}
	}

	/** One HTTP request being answered: when it started, and who sent it. */
	private record Exchange(ServerRequest request, long start, ClientAddress client) {

	}

	private ClientAddress clientOf(ServerRequest request) {
		return this.clients.resolve(request.servletRequest().getRemoteAddr(), request.headers().header("X-Forwarded-For"));
	}

	private ServerResponse execute(Exchange exchange, Map<String, Object> body) {
		ServerRequest request = exchange.request();
		Map<String, Object> resolved;
		try {
			resolved = this.persisted.resolve(body);
		}
		catch (StorefrontException ex) {
			return errorResponse(exchange, HttpStatus.OK, GraphQlErrors.of(ex.code(), ex.getMessage(),
					ex.extensions()).build(), body);
		}
		if (!(resolved.get("query") instanceof String query) || query.isBlank()) {
			return transportError(exchange, HttpStatus.BAD_REQUEST, "The request has no query.");
		}
		if (query.length() > this.limits.maxCharacters()) {
			return errorResponse(exchange, HttpStatus.OK, GraphQlErrors.of(ErrorCode.QUERY_TOO_COMPLEX,
					"The document has " + query.length() + " characters; at most " + this.limits.maxCharacters()
							+ " are allowed.",
					Map.of("limit", "characters", "max", this.limits.maxCharacters(), "measured", query.length()))
				.build(), body);
		}
		if (request.method() == HttpMethod.GET && !isQuery(query, (String) resolved.get("operationName"))) {
			return errorResponse(exchange, HttpStatus.METHOD_NOT_ALLOWED,
					GraphQlErrors.of(ErrorCode.BAD_USER_INPUT, "Only queries may be sent with GET; use POST.",
							Map.of()).build(), body);
		}
		ClientAddress client = exchange.client();
		WebGraphQlRequest graphQlRequest = new WebGraphQlRequest(request.uri(), request.headers().asHttpHeaders(), null,
				request.remoteAddress().orElse(null), request.attributes(), resolved, UUID.randomUUID().toString(),
				request.servletRequest().getLocale());
		graphQlRequest.configureExecutionInput((input, builder) -> builder
			.graphQLContext((context) -> context.put(ClientAddress.CONTEXT_KEY, client))
			.build());
		WebGraphQlResponse response;
		try {
			response = this.handler.handleRequest(graphQlRequest).block();
		}
		catch (RuntimeException ex) {
			String errorId = UUID.randomUUID().toString();
			logger.error("Internal error {} while handling a request", errorId, ex);
			return errorResponse(exchange, HttpStatus.INTERNAL_SERVER_ERROR, GraphQlErrors.internal(errorId).build(),
					body);
		}
		Map<String, Object> result = response.toMap();
		MediaType type = responseType(request);
		HttpStatus status = (MediaTypes.APPLICATION_GRAPHQL_RESPONSE.equals(type) && !result.containsKey("data"))
				? HttpStatus.BAD_REQUEST : HttpStatus.OK;
		String ran = response.getExecutionInput().getGraphQLContext().get(OperationNames.CONTEXT_KEY);
		String asked = (resolved.get("operationName") instanceof String name && GRAPHQL_NAME.matcher(name).matches())
				? name : null;
		log(exchange, status, (ran != null) ? ran : asked,
				response.getErrors().stream().map(GraphQlTransport::code).toList());
		ServerResponse.BodyBuilder answer = ServerResponse.status(status).contentType(type);
		retryAfter(response).ifPresent((seconds) -> answer.header(HttpHeaders.RETRY_AFTER, String.valueOf(seconds)));
		return answer.body(result);
	}

	/** When an error says how long to wait ({@code extensions.retryAfter}), the longest wait, for the HTTP header. */
	private static java.util.OptionalLong retryAfter(WebGraphQlResponse response) {
		return response.getErrors()
			.stream()
			.map((error) -> error.getExtensions().get("retryAfter"))
			.filter(Number.class::isInstance)
			.mapToLong((seconds) -> ((Number) seconds).longValue())
			.max();
	}

	private static boolean isQuery(String query, @Nullable String operationName) {
		try {
			Document document = Parser.parse(query);
			List<OperationDefinition> operations = document.getDefinitionsOfType(OperationDefinition.class);
			return operations.stream()
				.filter((operation) -> operationName == null || operationName.equals(operation.getName()))
				.allMatch((operation) -> operation.getOperation() == OperationDefinition.Operation.QUERY);
		}
		catch (RuntimeException ex) {
			// not parseable: let GraphQL say what is wrong with it
			return true;
		}
	}

	private static MediaType responseType(ServerRequest request) {
		for (MediaType accepted : request.headers().accept()) {
			if (accepted.isCompatibleWith(MediaTypes.APPLICATION_GRAPHQL_RESPONSE)
					&& !accepted.isWildcardType()) {
				return MediaTypes.APPLICATION_GRAPHQL_RESPONSE;
			}
		}
		return MediaType.APPLICATION_JSON;
	}

	private ServerResponse transportError(Exchange exchange, HttpStatus status, String message) {
		return errorResponse(exchange, status, GraphQlErrors.of(ErrorCode.BAD_USER_INPUT, message, Map.of()).build(),
				Map.of());
	}

	private ServerResponse errorResponse(Exchange exchange, HttpStatus status, GraphQLError error,
			Map<String, Object> body) {
		log(exchange, status, (body.get("operationName") instanceof String name && GRAPHQL_NAME.matcher(name).matches())
				? name : null, List.of(String.valueOf(error.getExtensions().get("code"))));
		ServerResponse.BodyBuilder response = ServerResponse.status(status)
			.contentType(responseType(exchange.request()));
		if (status == HttpStatus.METHOD_NOT_ALLOWED) {
			response.header(HttpHeaders.ALLOW, "POST");
		}
		return response.body(Map.of("errors", List.of(error.toSpecification())));
	}

	private static String code(ResponseError error) {
		return String.valueOf(error.getExtensions().get("code"));
	}

	private static void log(Exchange exchange, HttpStatus status, @Nullable String operation, List<String> codes) {
		if (logger.isInfoEnabled()) {
			Authentication caller = SecurityContextHolder.getContext().getAuthentication();
			String user = (caller != null && caller.isAuthenticated() && !"anonymousUser".equals(caller.getName()))
					? caller.getName() : "anonymous";
			logger.info("graphql {} operation={} status={} ms={} errors={} user={} client={}",
					exchange.request().method(), (operation != null) ? operation : "-", status.value(),
					(System.nanoTime() - exchange.start()) / 1_000_000, codes, user, exchange.client().address());
		}
	}

}
