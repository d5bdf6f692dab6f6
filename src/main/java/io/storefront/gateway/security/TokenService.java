package io.storefront.gateway.security;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;

import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.stereotype.Service;

/**
 * Issues the bearer tokens that {@code signUp} and {@code logIn} return: subject = user id, the roles, and an
 * expiry.
 */
@Service
public class TokenService {

	private final JwtEncoder encoder;

	private final SecurityProperties.Jwt settings;

	private final Clock clock;

	TokenService(JwtEncoder encoder, SecurityProperties properties, Clock clock) {
		this.encoder = encoder;
		this.settings = properties.jwt();
		this.clock = clock;
	}

	public IssuedToken issue(String userId, Collection<Role> roles) {
		Instant now = this.clock.instant();
		Instant expiresAt = now.plus(this.settings.lifetime());
		JwtClaimsSet claims = JwtClaimsSet.builder()
			.issuer(this.settings.issuer())
			.subject(userId)
			.issuedAt(now)
			.expiresAt(expiresAt)
			.claim(this.settings.rolesClaim(), roles.stream().map(Role::name).toList())
			.build();
		JwsHeader header = JwsHeader.with(MacAlgorithm.HS256).build();
		String token = this.encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
		return new IssuedToken(token, expiresAt);
	}

	/** A signed token and the instant it stops being accepted. */
	public record IssuedToken(String token, Instant expiresAt) {

	}

}
