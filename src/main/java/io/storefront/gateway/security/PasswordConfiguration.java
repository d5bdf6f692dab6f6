package io.storefront.gateway.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The password hash: BCrypt at {@code storefront.security.password-strength}, slow on purpose.
 */
@Configuration(proxyBeanMethods = false)
class PasswordConfiguration {

	@Bean
	PasswordEncoder passwordEncoder(SecurityProperties properties) {
		return new BCryptPasswordEncoder(properties.passwordStrength());
	}

}
