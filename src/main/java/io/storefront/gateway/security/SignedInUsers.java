package io.storefront.gateway.security;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.storefront.gateway.graphql.Pages;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;

/**
 * Turns a token whose signature Spring Security verified into the caller it stands for, as the user stands now:
 * the token must expire ({@code exp}), its user must exist, a token this gateway issued must belong to a session
 * that is still open, and the caller's roles are the user's current roles, not those written into the token.
 * So a role change, {@code logOut} and {@code logOutEverywhere} take effect on every earlier token within
 * {@code storefront.security.sessions.recheck-after} (at once on the gateway that made the change). A refused
 * token is answered with HTTP 401, like an expired one. Each user's standing is read from the store at most once
 * per {@code recheck-after}.
 */
@Component
public class SignedInUsers implements Converter<Jwt, AbstractAuthenticationToken> {

	/** The claim naming the session of a token this gateway issued. */
	static final String SESSION_CLAIM = "sid";

	private final UserDirectory directory;

	private final String issuer;

	private final Clock clock;

	private final Cache<String, Optional<UserDirectory.Standing>> standings;

	SignedInUsers(UserDirectory directory, SecurityProperties properties, Clock clock) {
		this.directory = directory;
		this.issuer = properties.jwt().issuer();
		this.clock = clock;
		this.standings = Caffeine.newBuilder()
			.expireAfterWrite(properties.sessions().recheckAfter())
			.maximumSize(properties.sessions().cacheSize())
			.build();
	}

	@Override
	public AbstractAuthenticationToken convert(Jwt jwt) {
		if (jwt.getExpiresAt() == null) {
			throw refused("The token has no expiry.");
		}
		String userId = Pages.canonicalId(jwt.getSubject());
		if (userId == null) {
			throw refused("The token names no user.");
		}
		UserDirectory.Standing standing = this.standings.get(userId, this.directory::standing)
			.orElseThrow(() -> refused("The token's user does not exist."));
		if (issuedHere(jwt)) {
			Instant ends = standing.sessions().get(jwt.getClaimAsString(SESSION_CLAIM));
			if (ends == null || !ends.isAfter(this.clock.instant())) {
				throw refused("The token's session has ended.");
			}
		}
		List<SimpleGrantedAuthority> authorities = standing.roles()
			.stream()
			.map((role) -> new SimpleGrantedAuthority("ROLE_" + role.name()))
			.toList();
		return new JwtAuthenticationToken(jwt, authorities, userId);
	}

	/** Forgets what is known of this user, so that this gateway sees a change to them at the next request. */
	public void forget(String userId) {
		this.standings.invalidate(userId);
	}

	private boolean issuedHere(Jwt jwt) {
		return this.issuer.equals(jwt.getClaimAsString(JwtClaimNames.ISS));
	}

	private static InvalidBearerTokenException refused(String why) {
		return new InvalidBearerTokenException(why);
	}

}
