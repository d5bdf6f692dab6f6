package io.storefront.gateway.security;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of authentication and authorization under {@code storefront.security}.
 *
 * @param explainDenials whether a denied field's error names the rule that denied it ({@code extensions.rule});
 * the rules are public in docs/authorization.md, but an operator may turn this off
 * @param jwt the built-in token issuer
 * @param passwordStrength the BCrypt cost factor (log2 rounds) for password hashes
 */
@ConfigurationProperties("storefront.security")
public record SecurityProperties(@DefaultValue("true") boolean explainDenials, @DefaultValue Jwt jwt,
		@DefaultValue("12") int passwordStrength) {

	/**
	 * @param secret the HMAC-SHA256 signing secret, at least 32 bytes; only the dev profile may leave it unset,
	 * and then gets a random one per start
	 * @param issuer the {@code iss} claim written into and required of every token
	 * @param lifetime how long an issued token is accepted
	 * @param rolesClaim the claim that lists the caller's roles
	 */
	public record Jwt(@Nullable String secret, @DefaultValue("storefront-gateway") String issuer,
			@DefaultValue("1h") Duration lifetime, @DefaultValue("roles") String rolesClaim) {

	}

}
