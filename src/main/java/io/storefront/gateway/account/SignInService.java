package io.storefront.gateway.account;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import org.bson.types.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.storefront.gateway.account.AccountInputs.LogInInput;
import io.storefront.gateway.account.AccountInputs.SignUpInput;
import io.storefront.gateway.kernel.ClientAddress;
import io.storefront.gateway.kernel.ErrorCode;
import io.storefront.gateway.kernel.InvalidInputException;
import io.storefront.gateway.kernel.StorefrontException;
import io.storefront.gateway.security.Caller;
import io.storefront.gateway.security.Role;
import io.storefront.gateway.security.TokenService;

import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/**
 * Signing up (always as a CUSTOMER), logging in and out. Each attempt first waits for a turn to hash
 * ({@link PasswordHashing}), refused at once when there is none, so a flood costs almost nothing; then it is
 * counted ({@link LoginThrottle}) before any password is looked at, so guessing gets no further than the limits.
 */
@Service
class SignInService {

	private static final String WRONG = "The email or the password is wrong.";

	private static final Logger logger = LoggerFactory.getLogger(SignInService.class);

	private final Users users;

	private final PasswordHashing hashing;

	private final TokenService tokens;

	private final LoginThrottle throttle;

	private final Sessions sessions;

	private final Clock clock;

	// compared against when the email is unknown, so a wrong email costs as much time as a wrong password
	private final String unknownUserHash;

	SignInService(Users users, PasswordHashing hashing, PasswordEncoder encoder, TokenService tokens,
			LoginThrottle throttle, Sessions sessions, Clock clock) {
		this.users = users;
		this.sessions = sessions;
		this.hashing = hashing;
		this.tokens = tokens;
		this.throttle = throttle;
		this.clock = clock;
		this.unknownUserHash = encoder.encode("no user has this password " + new ObjectId());
	}

	AuthPayload signUp(SignUpInput input, ClientAddress client) {
		String hash;
		String email;
		String name;
		try (PasswordHashing.Turn turn = this.hashing.turn(client)) {
			this.throttle.signUpAttempt(client);
			email = requireEmail(input.email());
			name = requireName(input.name());
			hash = turn.encode(requirePassword(input.password()));
		}
		User user = new User(new ObjectId().toHexString(), email, name, hash, List.of(Role.CUSTOMER),
				this.clock.instant().truncatedTo(ChronoUnit.MILLIS), null);
		try {
			user = this.users.insert(user);
		}
		catch (DuplicateKeyException ex) {
			throw new StorefrontException(ErrorCode.CONFLICT, "An account with this email exists already.",
					"input.email");
		}
		return signedIn(user);
	}

	private static String requireEmail(String raw) {
		String email = IdentityText.email(raw);
		if (email == null) {
			throw new InvalidInputException("input.email", "This is not a valid email address.");
		}
		return email;
	}

	private static String requireName(String raw) {
		String name = IdentityText.name(raw);
		if (name == null) {
			throw new InvalidInputException("input.name", "name must be 1 to " + IdentityText.MAX_NAME
					+ " characters, with at least one letter or digit.");
		}
		return name;
	}

	private static String requirePassword(String password) {
		if (!IdentityText.acceptablePassword(password)) {
			throw new InvalidInputException("input.password", "password must be " + IdentityText.MIN_PASSWORD + " to "
					+ IdentityText.MAX_PASSWORD + " characters, and not only blanks.");
		}
		return password;
	}

	AuthPayload logIn(LogInInput input, ClientAddress client) {
		String email = IdentityText.email(input.email());
		boolean matches;
		Optional<User> user;
		try (PasswordHashing.Turn turn = this.hashing.turn(client)) {
			this.throttle.logInAttempt(email, client);
			if (email == null || input.password().length() > IdentityText.MAX_PASSWORD) {
				throw new StorefrontException(ErrorCode.UNAUTHENTICATED, WRONG, null);
			}
			user = this.users.findByEmail(email);
			matches = turn.matches(input.password(), user.map(User::passwordHash).orElse(this.unknownUserHash));
		}
		if (user.isEmpty() || !matches) {
			throw new StorefrontException(ErrorCode.UNAUTHENTICATED, WRONG, null);
		}
		try {
			this.throttle.uncountLogIn(email, client);
		}
		catch (DataAccessException ex) {
			// the password was right: a counter left one too high must not turn that into a failure
			logger.warn("Could not take a successful log-in back out of its throttle counters", ex);
		}
		return signedIn(user.get());
	}

	/** Ends the session of the caller's token; false when the token is not one this gateway issued. */
	boolean logOut(Caller caller) {
		if (caller.sessionId() == null) {
			return false;
		}
		this.sessions.end(caller.requireUserId(), caller.sessionId());
		return true;
	}

	/** Ends every session of the caller; false when their token is not one this gateway issued. */
	boolean logOutEverywhere(Caller caller) {
		if (caller.sessionId() == null) {
			return false;
		}
		this.sessions.endAll(caller.requireUserId());
		return true;
	}

	private AuthPayload signedIn(User user) {
		TokenService.IssuedToken token = this.tokens.issue(user.id(), user.roles());
		this.sessions.open(user.id(), token.sessionId(), token.expiresAt());
		return new AuthPayload(token.token(), token.expiresAt(), user);
	}

}
