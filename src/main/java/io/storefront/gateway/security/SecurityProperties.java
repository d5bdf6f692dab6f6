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
 * @param loginThrottle how many log-in and sign-up attempts are counted before refusing more
 * @param passwordHashing how much of the machine password hashing may take at once
 * @param sessions how signed-in sessions are kept and checked
 * @param introspection who may see the schema: through introspection, the printed schema and GraphiQL's example
 * operations
 * @param authorization how a denied field is answered
 */
@ConfigurationProperties("storefront.security")
public record SecurityProperties(@DefaultValue("true") boolean explainDenials, @DefaultValue Jwt jwt,
		@DefaultValue("12") int passwordStrength, @DefaultValue LoginThrottle loginThrottle,
		@DefaultValue PasswordHashing passwordHashing, @DefaultValue Sessions sessions,
		@DefaultValue("AUTHENTICATED") IntrospectionMode introspection, @DefaultValue Authorization authorization) {

	/**
	 * @param mode {@code FILTER}: a denied field is null with an error at its path, the rest is served;
	 * {@code REJECT}: an operation that selects a field the caller's sign-in or roles deny is refused whole before
	 * anything runs, with one error per denied field; {@code REPORT_ONLY}: the rules marked {@code rollout: true}
	 * in the schema are not enforced, each would-be denial is counted and logged, and every other rule is
	 * enforced as in {@code FILTER}
	 * @param projection whether reads leave out the fields the caller's roles and sign-in deny, so that MongoDB
	 * never sends them; the answers are the same either way, and only a measurement has a reason to turn it off
	 */
	public record Authorization(@DefaultValue("FILTER") Mode mode, @DefaultValue("true") boolean projection) {

		/** How a denied field is answered. */
		public enum Mode {

			FILTER, REJECT, REPORT_ONLY

		}

	}

	/** Who may see the schema. */
	public enum IntrospectionMode {

		/** Anyone; the dev profile's setting, for GraphiQL's docs explorer. */
		ALL,

		/** Signed-in callers only. */
		AUTHENTICATED,

		/** Nobody. */
		NONE

	}

	/**
	 * @param secret the HMAC-SHA256 signing secret, at least 32 bytes; only the dev profile may leave it unset,
	 * and then gets a random one per start
	 * @param issuer the {@code iss} claim written into and required of every token
	 * @param lifetime how long an issued token is accepted
	 * @param rolesClaim the claim that lists the user's roles when the token was issued; for clients to read, as
	 * the gateway itself goes by the roles the user holds now
	 */
	public record Jwt(@Nullable String secret, @DefaultValue("storefront-gateway") String issuer,
			@DefaultValue("1h") Duration lifetime, @DefaultValue("roles") String rolesClaim) {

	}

	/**
	 * Attempts are counted in MongoDB before a password is looked at, so every gateway sees the same counts and
	 * no burst gets more checks than these allow.
	 *
	 * @param perAccountAndAddress log-in attempts for one email from one client address within the window; a
	 * success is taken back out, so in effect failures. Counted per address, so nobody elsewhere can lock the
	 * owner out
	 * @param perAddress log-in attempts from one client address for any emails within the window (password
	 * spraying)
	 * @param window how far back log-in attempts count
	 * @param signUpsPerAddress sign-ups from one client address within {@code signUpWindow}
	 * @param signUpWindow how far back sign-ups count
	 */
	public record LoginThrottle(@DefaultValue("10") int perAccountAndAddress, @DefaultValue("100") int perAddress,
			@DefaultValue("15m") Duration window, @DefaultValue("20") int signUpsPerAddress,
			@DefaultValue("1h") Duration signUpWindow) {

	}

	/**
	 * A slow hash is meant to cost CPU; these bound how much of it requests may take, so that a flood of log-ins
	 * cannot starve everything else. Beyond them a log-in or sign-up is refused at once with
	 * {@code TOO_MANY_REQUESTS}.
	 *
	 * @param maxConcurrent hashes computed at once; 0 means half the processors, at least one
	 * @param maxWaiting requests that may wait for a turn; more are refused at once
	 * @param maxWait how long one may wait for its turn
	 * @param maxPerAddress hashes one client address may have computing or waiting at once, so that a flood from
	 * one place cannot take every turn from everyone else
	 */
	public record PasswordHashing(@DefaultValue("0") int maxConcurrent, @DefaultValue("8") int maxWaiting,
			@DefaultValue("1s") Duration maxWait, @DefaultValue("2") int maxPerAddress) {

		public int concurrency() {
			return (this.maxConcurrent > 0) ? this.maxConcurrent
					: Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
		}

	}

	/**
	 * Every token this gateway issues belongs to a session recorded with its user; {@code logOut} ends it,
	 * {@code logOutEverywhere} ends all of them.
	 *
	 * @param recheckAfter how long a gateway may go by what it last read of a user (roles, open sessions) before
	 * reading it again; a change made on another gateway takes effect within this time
	 * @param cacheSize how many users' standing one gateway keeps
	 * @param maxPerUser open sessions per user; signing in once more ends the oldest
	 */
	public record Sessions(@DefaultValue("2s") Duration recheckAfter, @DefaultValue("100000") long cacheSize,
			@DefaultValue("50") int maxPerUser) {

	}

}
