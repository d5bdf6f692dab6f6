package io.storefront.gateway.security;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.MediaType;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * Answers a bad, tampered or expired bearer token with HTTP 401, the standard {@code WWW-Authenticate}
 * header, and a GraphQL-shaped body, so that a client reads it like any other error. Nothing was executed.
 */
class GraphQlAuthenticationEntryPoint implements AuthenticationEntryPoint {

	private static final String BODY = """
			{"errors":[{"message":"The bearer token is invalid or has expired; sign in again.",\
			"extensions":{"code":"UNAUTHENTICATED","classification":"UNAUTHORIZED"}}]}""";

	private final AuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException authException) throws IOException, jakarta.servlet.ServletException {
		this.bearer.commence(request, response, authException);
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.setCharacterEncoding("UTF-8");
		response.getWriter().write(BODY);
	}

}
