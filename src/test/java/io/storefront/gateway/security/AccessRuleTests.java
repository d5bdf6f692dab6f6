package io.storefront.gateway.security;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.storefront.gateway.security.AccessRule.Verdict;

import static org.assertj.core.api.Assertions.assertThat;

/** Each rule against each kind of caller, without a server: the verdicts the rule table is made of. */
class AccessRuleTests {

	static final Caller ANONYMOUS = Caller.anonymous();

	static final Caller CUSTOMER = Caller.user("u1", Set.of(Role.CUSTOMER));

	static final Caller SUPPORT = Caller.user("s1", Set.of(Role.SUPPORT));

	static final Caller ADMIN = Caller.user("a1", Set.of(Role.ADMIN));

	static final Caller NO_ROLES = Caller.user("n1", Set.of());

	static final Owned OWNED_BY_U1 = () -> "u1";

	@Test
	void publicAllowsEveryone() {
		AccessRule rule = new AccessRule.Public();

		for (Caller caller : List.of(ANONYMOUS, CUSTOMER, SUPPORT, ADMIN, NO_ROLES)) {
			assertThat(rule.judge(caller)).isEqualTo(Verdict.ALLOW);
		}
		assertThat(rule.directive()).isEqualTo("@public");
	}

	@Test
	void authenticatedAllowsAnySignedInUser() {
		AccessRule rule = new AccessRule.Authenticated();

		assertThat(rule.judge(ANONYMOUS)).isEqualTo(Verdict.UNAUTHENTICATED);
		assertThat(rule.judge(NO_ROLES)).isEqualTo(Verdict.ALLOW);
		assertThat(rule.judge(CUSTOMER)).isEqualTo(Verdict.ALLOW);
	}

	@Test
	void hasRoleAllowsOnlyTheNamedRoles() {
		AccessRule rule = new AccessRule.HasRole(List.of(Role.SUPPORT, Role.ADMIN));

		assertThat(rule.judge(ANONYMOUS)).isEqualTo(Verdict.UNAUTHENTICATED);
		assertThat(rule.judge(CUSTOMER)).isEqualTo(Verdict.FORBIDDEN);
		assertThat(rule.judge(NO_ROLES)).isEqualTo(Verdict.FORBIDDEN);
		assertThat(rule.judge(SUPPORT)).isEqualTo(Verdict.ALLOW);
		assertThat(rule.judge(ADMIN)).isEqualTo(Verdict.ALLOW);
		assertThat(rule.judge(CUSTOMER, OWNED_BY_U1)).as("owning does not help").isEqualTo(Verdict.FORBIDDEN);
		assertThat(rule.directive()).isEqualTo("@hasRole(roles: [SUPPORT, ADMIN])");
		assertThat(rule.who()).isEqualTo("SUPPORT, ADMIN");
	}

	@Test
	void ownerOrRoleWaitsForTheObjectWhenTheCallerHoldsNoneOfTheRoles() {
		AccessRule rule = new AccessRule.OwnerOrRole(List.of(Role.ADMIN));

		assertThat(rule.judge(ANONYMOUS)).isEqualTo(Verdict.UNAUTHENTICATED);
		assertThat(rule.judge(ADMIN)).isEqualTo(Verdict.ALLOW);
		assertThat(rule.judge(CUSTOMER)).isEqualTo(Verdict.NEEDS_OWNER);
		assertThat(rule.judge(SUPPORT)).as("a role not named").isEqualTo(Verdict.NEEDS_OWNER);
	}

	@Test
	void ownerOrRoleDecidesOnTheObject() {
		AccessRule rule = new AccessRule.OwnerOrRole(List.of(Role.ADMIN));

		assertThat(rule.judge(CUSTOMER, OWNED_BY_U1)).isEqualTo(Verdict.ALLOW);
		assertThat(rule.judge(Caller.user("u2", Set.of(Role.CUSTOMER)), OWNED_BY_U1)).isEqualTo(Verdict.FORBIDDEN);
		assertThat(rule.judge(CUSTOMER, null)).as("nothing to own").isEqualTo(Verdict.FORBIDDEN);
		assertThat(rule.judge(CUSTOMER, "not an owned object")).isEqualTo(Verdict.FORBIDDEN);
		assertThat(rule.judge(ADMIN, OWNED_BY_U1)).isEqualTo(Verdict.ALLOW);
		assertThat(rule.judge(ANONYMOUS, OWNED_BY_U1)).isEqualTo(Verdict.UNAUTHENTICATED);
		assertThat(rule.who()).isEqualTo("the owner, ADMIN");
	}

	@Test
	void anOwnerIdThatOnlyLooksAlikeIsNotTheOwner() {
		AccessRule rule = new AccessRule.OwnerOrRole(List.of(Role.ADMIN));
		Owned lookAlike = () -> "U1";
		Owned padded = () -> "u1 ";

		assertThat(rule.judge(CUSTOMER, lookAlike)).isEqualTo(Verdict.FORBIDDEN);
		assertThat(rule.judge(CUSTOMER, padded)).isEqualTo(Verdict.FORBIDDEN);
	}

	@Test
	void onlyUnauthenticatedAndForbiddenDeny() {
		assertThat(Verdict.UNAUTHENTICATED.denies()).isTrue();
		assertThat(Verdict.FORBIDDEN.denies()).isTrue();
		assertThat(Verdict.ALLOW.denies()).isFalse();
		assertThat(Verdict.NEEDS_OWNER.denies()).isFalse();
	}

}
