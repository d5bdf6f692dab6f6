package io.storefront.gateway.graphql;

import java.util.List;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * One line per request, at INFO under this class's name: method, operation, status, duration, error codes, the
 * signed-in user's id (never the token) and the client address. {@code logback-spring.xml} writes these lines
 * from a queue, so that no request waits on the console.
 */
final class RequestLog {

	private static final Logger logger = LoggerFactory.getLogger(RequestLog.class);

	// what the client sent is logged only when it is a GraphQL name, so that no line break can forge a log line
	private static final Pattern GRAPHQL_NAME = Pattern.compile("[_A-Za-z][_0-9A-Za-z]{0,99}");

	void write(GraphQlTransport.Exchange exchange, HttpStatus status, @Nullable String operation, List<String> codes) {
		if (logger.isInfoEnabled()) {
			Authentication caller = SecurityContextHolder.getContext().getAuthentication();
			String user = (caller != null && caller.isAuthenticated() && !"anonymousUser".equals(caller.getName()))
					? caller.getName() : "anonymous";
			logger.info("graphql {} operation={} status={} ms={} errors={} user={} client={}",
					exchange.request().method(), (operation != null) ? operation : "-", status.value(),
					(System.nanoTime() - exchange.start()) / 1_000_000, codes, user, exchange.client().address());
		}
	}

	static @Nullable String nameOrNull(@Nullable String name) {
		return (name != null && GRAPHQL_NAME.matcher(name).matches()) ? name : null;
	}

}
