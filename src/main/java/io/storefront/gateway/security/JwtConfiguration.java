package io.storefront.gateway.security;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import com.nimbusds.jose.jwk.source.ImmutableSecret;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/**
 * The built-in token issuer: HMAC-SHA256 JWTs signed with a configured secret. The decoder here is used only
 * while no external issuer is configured; setting {@code spring.security.oauth2.resourceserver.jwt.issuer-uri}
 * (or {@code jwk-set-uri}) hands verification to Spring Boot's own decoder for that identity provider. Either way
 * a verified token then goes through {@link SignedInUsers}, which knows the user as they stand now.
 */
@Configuration(proxyBeanMethods = false)
class JwtConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(JwtConfiguration.class);

	private static final int MIN_SECRET_BYTES = 32;

	@Bean
	SecretKey jwtSigningKey(SecurityProperties properties, Environment environment) {
		String secret = properties.jwt().secret();
		if (secret == null || secret.isBlank()) {
			if (!environment.acceptsProfiles(Profiles.of("dev"))) {
				throw new IllegalStateException("storefront.security.jwt.secret is not set. Outside the dev profile "
						+ "set it to a random secret of at least 256 bits (32 bytes).");
			}
			byte[] random = new byte[MIN_SECRET_BYTES];
			new SecureRandom().nextBytes(random);
			logger.warn("No storefront.security.jwt.secret set: generated a random one for this dev run; tokens "
					+ "will not survive a restart. Never run like this outside dev.");
			secret = Base64.getEncoder().encodeToString(random);
		}
		byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
		if (bytes.length < MIN_SECRET_BYTES) {
			throw new IllegalStateException("storefront.security.jwt.secret has " + bytes.length * 8
					+ " bits; it needs at least 256 (32 bytes).");
		}
		return new SecretKeySpec(bytes, "HmacSHA256");
	}

	@Bean
	JwtEncoder jwtEncoder(SecretKey jwtSigningKey) {
		return new NimbusJwtEncoder(new ImmutableSecret<>(jwtSigningKey));
	}

	@Bean
	@Conditional(NoExternalIssuerCondition.class)
	JwtDecoder jwtDecoder(SecretKey jwtSigningKey, SecurityProperties properties) {
		NimbusJwtDecoder decoder = NimbusJwtDecoder.withSecretKey(jwtSigningKey).macAlgorithm(MacAlgorithm.HS256).build();
		decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
				JwtValidators.createDefaultWithIssuer(properties.jwt().issuer())));
		return decoder;
	}

}
