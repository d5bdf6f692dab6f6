package io.storefront.gateway.security;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.jspecify.annotations.Nullable;

import io.storefront.gateway.kernel.Ids;

import org.springframework.core.convert.converter.Converter;
import org.springframework.dao.DataAccessException;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.AuthenticationException;
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

	private final Cache<String, Known> standings;

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
		String userId = Ids.canonicalId(jwt.getSubject());
		if (userId == null) {
			throw refused("The token names no user.");
		}
		String sessionId = issuedHere(jwt) ? jwt.getClaimAsString(SESSION_CLAIM) : null;
		Known known = know(userId);
		if (sessionId != null && !known.hasOpen(sessionId, this.clock.instant()) && known.readBefore(jwt)) {
			// signed in on another gateway after this one last read the user: read once more
			forget(userId);
			known = know(userId);
		}
		UserDirectory.Standing standing = known.standing().orElseThrow(() -> refused("The token's user does not exist."));
		if (issuedHere(jwt) && (sessionId == null || !known.hasOpen(sessionId, this.clock.instant()))) {
			throw refused("The token's session has ended.");
		}
		List<SimpleGrantedAuthority> authorities = standing.roles()
			.stream()
			.map((role) -> new SimpleGrantedAuthority("ROLE_" + role.name()))
			.toList();
		return new SignedIn(jwt, authorities, userId, sessionId);
	}

	private Known know(String userId) {
		try {
			return this.standings.get(userId, (id) -> new Known(this.directory.standing(id), this.clock.instant()));
		}
		catch (DataAccessException ex) {
			// the token may be fine: say the check could not be made, rather than that the token is bad
			throw new TokenCheckUnavailableException(ex);
		}
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

	/**
	 * The store could not be asked about the token's user: answered 503, so that a client keeps its token and
	 * tries again, where a 401 would make it sign in anew.
	 */
	static final class TokenCheckUnavailableException extends AuthenticationException {

		TokenCheckUnavailableException(Throwable cause) {
			super("The token could not be checked just now.", cause);
		}

	}

	/** What was read of a user, and when. */
	private record Known(Optional<UserDirectory.Standing> standing, Instant readAt) {

		boolean hasOpen(String sessionId, Instant now) {
			Instant ends = this.standing.map((user) -> user.sessions().get(sessionId)).orElse(null);
			return ends != null && ends.isAfter(now);
		}

		// iat has whole seconds: a token of the same second as the read may be younger than it
		boolean readBefore(Jwt jwt) {
			return jwt.getIssuedAt() != null && jwt.getIssuedAt().plusSeconds(1).isAfter(this.readAt);
		}

	}

	/**
	 * A caller signed in with a verified token, as they stand now: their current roles, and the session of the
	 * token when this gateway issued it (null for a token of an external identity provider).
	 */
	static final class SignedIn extends JwtAuthenticationToken {

		private final @Nullable String sessionId;

		SignedIn(Jwt jwt, List<SimpleGrantedAuthority> authorities, String userId, @Nullable String sessionId) {
			super(jwt, authorities, userId);
			this.sessionId = sessionId;
		}

		@Nullable String sessionId() {
			return this.sessionId;
		}

	}

}
