package io.storefront.gateway.security;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;

import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.stereotype.Service;

/**
 * Issues the bearer tokens that {@code signUp} and {@code logIn} return: subject = user id, a new session id
 * ({@code sid}), an expiry, and the roles at that moment (for clients to read; the gateway goes by the roles the
 * user holds now). The caller records the session with the user, or the token is refused.
 */
@Service
public class TokenService {

	private final JwtEncoder encoder;

	private final SecurityProperties.Jwt settings;

	private final Clock clock;

	private final SecureRandom random = new SecureRandom();

	TokenService(JwtEncoder encoder, SecurityProperties properties, Clock clock) {
		this.encoder = encoder;
		this.settings = properties.jwt();
		this.clock = clock;
	}

	public IssuedToken issue(String userId, Collection<Role> roles) {
		Instant now = this.clock.instant();
		Instant expiresAt = now.plus(this.settings.lifetime());
		byte[] random = new byte[16];
		this.random.nextBytes(random);
		String sessionId = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
		JwtClaimsSet claims = JwtClaimsSet.builder()
			.issuer(this.settings.issuer())
			.subject(userId)
			.issuedAt(now)
			.expiresAt(expiresAt)
			.claim(SignedInUsers.SESSION_CLAIM, sessionId)
			.claim(this.settings.rolesClaim(), roles.stream().map(Role::name).toList())
			.build();
		JwsHeader header = JwsHeader.with(MacAlgorithm.HS256).build();
		String token = this.encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
		return new IssuedToken(token, sessionId, expiresAt);
	}

	/** A signed token, the session it belongs to, and the instant it stops being accepted. */
	public record IssuedToken(String token, String sessionId, Instant expiresAt) {

	}

}
