package io.storefront.gateway.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The HTTP security chain. The gateway is stateless and reads no cookies, so there is no session and no CSRF
 * token; who may read which field is decided per field inside GraphQL, not per URL.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http) throws Exception {
		return http.csrf((csrf) -> csrf.disable())
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.authorizeHttpRequests((requests) -> requests
				// which actuator endpoints exist is decided by management.endpoints.web.exposure per profile
				.requestMatchers("/graphql", "/graphql/schema", "/graphiql", "/actuator/**")
				.permitAll()
				.anyRequest()
				.denyAll())
			.build();
	}

}
