package io.storefront.gateway.security;

import java.util.List;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * One authorization directive as written in the schema, able to judge a caller.
 */
sealed interface AccessRule {

	/** The rule as written in the schema, for example {@code @hasRole(roles: [SUPPORT, ADMIN])}. */
	String directive();

	/** Who passes, in words, for the rule book. */
	String who();

	/** What can be decided before anything is read. */
	Verdict judge(Caller caller);

	/** What is decided once the object the rule is about is known. */
	default Verdict judge(Caller caller, @Nullable Object subject) {
		return judge(caller);
	}

	enum Verdict {

		ALLOW, UNAUTHENTICATED, FORBIDDEN,

		/** Only the object itself can tell: the caller is signed in but holds none of the roles. */
		NEEDS_OWNER;

		boolean denies() {
			return this == UNAUTHENTICATED || this == FORBIDDEN;
		}

	}

	record Public() implements AccessRule {

		@Override
		public String directive() {
			return "@public";
		}

		@Override
		public String who() {
			return "anyone";
		}

		@Override
		public Verdict judge(Caller caller) {
			return Verdict.ALLOW;
		}

	}

	record Authenticated() implements AccessRule {

		@Override
		public String directive() {
			return "@authenticated";
		}

		@Override
		public String who() {
			return "any signed-in user";
		}

		@Override
		public Verdict judge(Caller caller) {
			return caller.isAuthenticated() ? Verdict.ALLOW : Verdict.UNAUTHENTICATED;
		}

	}

	record HasRole(List<Role> roles) implements AccessRule {

		@Override
		public String directive() {
			return "@hasRole(roles: " + list(this.roles) + ")";
		}

		@Override
		public String who() {
			return names(this.roles);
		}

		@Override
		public Verdict judge(Caller caller) {
			if (!caller.isAuthenticated()) {
				return Verdict.UNAUTHENTICATED;
			}
			return caller.hasAnyRole(this.roles) ? Verdict.ALLOW : Verdict.FORBIDDEN;
		}

	}

	record OwnerOrRole(List<Role> roles) implements AccessRule {

		@Override
		public String directive() {
			return "@ownerOrRole(roles: " + list(this.roles) + ")";
		}

		@Override
		public String who() {
			return "the owner, " + names(this.roles);
		}

		@Override
		public Verdict judge(Caller caller) {
			if (!caller.isAuthenticated()) {
				return Verdict.UNAUTHENTICATED;
			}
			return caller.hasAnyRole(this.roles) ? Verdict.ALLOW : Verdict.NEEDS_OWNER;
		}

		@Override
		public Verdict judge(Caller caller, @Nullable Object subject) {
			Verdict verdict = judge(caller);
			if (verdict != Verdict.NEEDS_OWNER) {
				return verdict;
			}
			return (subject instanceof Owned owned && caller.owns(owned)) ? Verdict.ALLOW : Verdict.FORBIDDEN;
		}

	}

	private static String list(List<Role> roles) {
		return "[" + names(roles) + "]";
	}

	private static String names(List<Role> roles) {
		return roles.stream().map(Role::name).collect(Collectors.joining(", "));
	}

}
