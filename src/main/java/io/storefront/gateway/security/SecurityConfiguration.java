package io.storefront.gateway.security;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The HTTP security chain. The gateway is stateless and reads no cookies, so there is no session and no CSRF
 * token. A request without a token is anonymous; one with a token that fails verification is answered 401
 * before GraphQL sees it. Who may read which field is decided per field inside GraphQL, by the schema's
 * directives, not per URL; a path the gateway does not serve is 404 for everyone.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class SecurityConfiguration {

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http, SignedInUsers signedInUsers) throws Exception {
		GraphQlAuthenticationEntryPoint badToken = new GraphQlAuthenticationEntryPoint();
		NoSuchPath noSuchPath = new NoSuchPath();
		// nothing here keeps state between requests: no session, no saved request, no logout page, no servlet
		// API wrapper and no anonymous token stand in the way of each request
		return http.csrf((csrf) -> csrf.disable())
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache((cache) -> cache.disable())
			.logout((logout) -> logout.disable())
			.servletApi((servletApi) -> servletApi.disable())
			.anonymous((anonymous) -> anonymous.disable())
			.oauth2ResourceServer((resourceServer) -> resourceServer
				.jwt((jwt) -> jwt.jwtAuthenticationConverter(signedInUsers))
				.authenticationEntryPoint(badToken))
			// only paths the gateway does not serve are denied below: they do not exist, whoever asks
			.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(noSuchPath)
				.accessDeniedHandler(noSuchPath))
			.authorizeHttpRequests((requests) -> requests
				// which actuator endpoints exist is decided by management.endpoints.web.exposure per profile;
				// /error must stay reachable, or a failure would be answered as a 404
				.requestMatchers("/graphql", "/graphql/schema", "/graphiql", "/graphiql/**", "/webjars/**", "/actuator/**",
						"/error")
				.permitAll()
				.anyRequest()
				.denyAll())
			.build();
	}

	/**
	 * No observation per security filter: wrapping each of the chain's filters on every request cost more than
	 * the filters themselves. HTTP requests are still observed, once, by Spring Boot.
	 */
	@Bean
	SecurityObservationSettings securityObservationSettings() {
		return SecurityObservationSettings.noObservations();
	}

}
