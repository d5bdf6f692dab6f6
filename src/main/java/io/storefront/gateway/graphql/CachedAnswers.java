package io.storefront.gateway.graphql;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * GraphQL answers as HTTP caches should see them. Every answer says how it may be kept ({@link HttpCaching})
 * and that it depends on {@code Accept} (the media type) and {@code Authorization} (the caller). A shareable
 * answer carries an {@code ETag} over its bytes, and a client that already holds those bytes
 * ({@code If-None-Match}) gets {@code 304} without them.
 */
final class CachedAnswers {

	static final String VARY = HttpHeaders.ACCEPT + ", " + HttpHeaders.AUTHORIZATION;

	private final HttpCaching caching;

	private final JsonMapper json;

	CachedAnswers(HttpCaching caching, JsonMapper json) {
		this.caching = caching;
		this.json = json;
	}

	/**
	 * The Cache-Control of an answer with this status to this request: personal first (a token, or a field a rule
	 * guards, whatever else happened), then never cached unless a successful GET, then as the fields' hints say.
	 */
	String cacheControl(ServerRequest request, WebGraphQlResponse response, HttpStatus status) {
		if (request.headers().firstHeader(HttpHeaders.AUTHORIZATION) != null) {
			return HttpCaching.PERSONAL;
		}
		QueryMeasure measure = response.getExecutionInput().getGraphQLContext().get(QueryMeasure.CONTEXT_KEY);
		String byFields = (measure != null) ? this.caching.cacheControl(measure.fields()) : HttpCaching.UNCACHEABLE;
		if (HttpCaching.PERSONAL.equals(byFields)) {
			return byFields;
		}
		if (!HttpMethod.GET.equals(request.method()) || status != HttpStatus.OK || !response.getErrors().isEmpty()) {
			return HttpCaching.UNCACHEABLE;
		}
		return byFields;
	}

	/** The answer with its caching headers, or 304 when the client already holds a shareable answer's bytes. */
	ServerResponse answer(ServerRequest request, ServerResponse.BodyBuilder answer, String cacheControl,
			Map<String, Object> result) {
		answer.header(HttpHeaders.CACHE_CONTROL, cacheControl).header(HttpHeaders.VARY, VARY);
		if (!cacheControl.startsWith("public")) {
			return answer.body(result);
		}
		byte[] body = this.json.writeValueAsBytes(result);
		String etag = etag(body);
		if (matches(request.headers().header(HttpHeaders.IF_NONE_MATCH), etag)) {
			return ServerResponse.status(HttpStatus.NOT_MODIFIED)
				.header(HttpHeaders.ETAG, etag)
				.header(HttpHeaders.CACHE_CONTROL, cacheControl)
				.header(HttpHeaders.VARY, VARY)
				.build();
		}
		return answer.header(HttpHeaders.ETAG, etag).body(body);
	}

	/** A strong validator: the first 128 bits of the body's SHA-256. */
	static String etag(byte[] body) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
			return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 16)) + "\"";
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	// If-None-Match compares weakly (RFC 9110 13.1.2): W/"x" matches "x"
	static boolean matches(List<String> ifNoneMatch, String etag) {
		for (String header : ifNoneMatch) {
			for (String tag : header.split(",")) {
				String candidate = tag.trim();
				if (candidate.startsWith("W/")) {
					candidate = candidate.substring(2);
				}
				if (candidate.equals("*") || candidate.equals(etag)) {
					return true;
				}
			}
		}
		return false;
	}

}
