package io.storefront.gateway.security;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * Answers a bad, tampered or expired bearer token with HTTP 401, the standard {@code WWW-Authenticate}
 * header, and a GraphQL-shaped body, so that a client reads it like any other error; a token that could not be
 * checked because the store did not answer gets 503 with {@code Retry-After}. Nothing was executed.
 */
class GraphQlAuthenticationEntryPoint implements AuthenticationEntryPoint {

	private static final String BODY = """
			{"errors":[{"message":"The bearer token is invalid or has expired; sign in again.",\
			"extensions":{"code":"UNAUTHENTICATED","classification":"UNAUTHORIZED"}}]}""";

	private static final String UNAVAILABLE = """
			{"errors":[{"message":"The sign-in could not be checked just now; try again in a moment.",\
			"extensions":{"code":"INTERNAL","classification":"INTERNAL_ERROR","retryAfter":1}}]}""";

	private static final Logger logger = LoggerFactory.getLogger(GraphQlAuthenticationEntryPoint.class);

	private final AuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException authException) throws IOException, jakarta.servlet.ServletException {
		if (authException instanceof SignedInUsers.TokenCheckUnavailableException) {
			logger.warn("A bearer token could not be checked: the store did not answer", authException);
			response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
			response.setHeader(HttpHeaders.RETRY_AFTER, "1");
			write(response, UNAVAILABLE);
			return;
		}
		this.bearer.commence(request, response, authException);
		write(response, BODY);
	}

	private static void write(HttpServletResponse response, String body) throws IOException {
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.setCharacterEncoding("UTF-8");
		response.getWriter().write(body);
	}

}
