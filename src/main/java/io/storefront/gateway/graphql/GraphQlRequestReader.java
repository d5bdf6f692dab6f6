package io.storefront.gateway.graphql;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.util.unit.DataSize;
import org.springframework.web.servlet.function.ServerRequest;

/**
 * Reads the GraphQL request out of an HTTP request: a JSON object body for POST, query parameters for GET.
 * What cannot be read is refused with the status the GraphQL-over-HTTP spec gives it: 415 for another content
 * type, 413 for a body over the limit, 400 for anything malformed, batches included.
 */
final class GraphQlRequestReader {

	private final JsonMapper json;

	private final DataSize maxBody;

	GraphQlRequestReader(JsonMapper json, DataSize maxBody) {
		this.json = json;
		this.maxBody = maxBody;
	}

	/** A request that could not be read, and the status to answer it with. */
	static final class UnreadableRequestException extends Exception {

		private final HttpStatus status;

		UnreadableRequestException(HttpStatus status, String message) {
			super(message, null, false, false);
			this.status = status;
		}

		HttpStatus status() {
			return this.status;
		}

	}

	Map<String, Object> readPost(ServerRequest request) throws UnreadableRequestException {
		MediaType contentType = request.headers().contentType().orElse(null);
		if (contentType == null || !MediaType.APPLICATION_JSON.isCompatibleWith(contentType)) {
			throw new UnreadableRequestException(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
					"Send the operation as application/json.");
		}
		byte[] bytes = readAtMost(request, this.maxBody.toBytes());
		if (bytes == null) {
			throw new UnreadableRequestException(HttpStatus.PAYLOAD_TOO_LARGE,
					"The request body is larger than " + this.maxBody.toKilobytes() + " KiB.");
		}
		try {
			if (!(this.json.readValue(bytes, Object.class) instanceof Map<?, ?> map)) {
				throw new IllegalArgumentException("not an object");
			}
			@SuppressWarnings("unchecked")
			Map<String, Object> body = (Map<String, Object>) map;
			checkShape(body);
			return body;
		}
		catch (JacksonException | IllegalArgumentException ex) {
			throw new UnreadableRequestException(HttpStatus.BAD_REQUEST,
					"The body must be one JSON object with a query, and optionally operationName, variables and "
							+ "extensions; batches are not supported.");
		}
	}

	Map<String, Object> readGet(ServerRequest request) throws UnreadableRequestException {
		Map<String, Object> body = new LinkedHashMap<>();
		try {
			request.param("query").ifPresent((query) -> body.put("query", query));
			request.param("operationName").ifPresent((name) -> body.put("operationName", name));
			for (String key : List.of("variables", "extensions")) {
				String value = request.param(key).orElse(null);
				if (value != null) {
					body.put(key, this.json.readValue(value, Map.class));
				}
			}
			checkShape(body);
			return body;
		}
		catch (JacksonException | IllegalArgumentException ex) {
			throw new UnreadableRequestException(HttpStatus.BAD_REQUEST,
					"variables and extensions must be JSON objects.");
		}
	}

	private static void checkShape(Map<String, Object> body) {
		for (Map.Entry<String, Object> entry : body.entrySet()) {
			Object value = entry.getValue();
			boolean valid = switch (entry.getKey()) {
				case "query", "operationName" -> value == null || value instanceof String;
				case "variables", "extensions" -> value == null || value instanceof Map;
				default -> true;
			};
			if (!valid) {
				throw new IllegalArgumentException(entry.getKey());
			}
		}
	}

	private static byte @Nullable [] readAtMost(ServerRequest request, long max) throws UnreadableRequestException {
		long declared = request.headers().contentLength().orElse(-1);
		if (declared > max) {
			return null;
		}
		try (InputStream in = request.servletRequest().getInputStream()) {
			byte[] bytes = in.readNBytes((int) max + 1);
			return (bytes.length > max) ? null : bytes;
		}
		catch (IOException ex) {
			throw new UnreadableRequestException(HttpStatus.BAD_REQUEST, "The request body could not be read.");
		}
	}

}
