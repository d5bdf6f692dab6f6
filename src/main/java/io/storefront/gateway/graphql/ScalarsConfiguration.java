package io.storefront.gateway.graphql;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.execution.RuntimeWiringConfigurer;

/**
 * Wires the schema's scalars ({@link StorefrontScalars}) into the running gateway.
 */
@Configuration(proxyBeanMethods = false)
class ScalarsConfiguration {

	@Bean
	RuntimeWiringConfigurer extendedScalars() {
		return StorefrontScalars::register;
	}

}
