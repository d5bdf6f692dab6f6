package io.storefront.gateway.account;

import java.util.List;

import io.storefront.gateway.security.Role;
import io.storefront.gateway.store.DemoData;

import org.springframework.stereotype.Component;

/**
 * The dev-only demo users that README lists: one ADMIN, one SUPPORT and two CUSTOMERs, with fixed ids.
 */
@Component
class DemoAccounts implements DemoData {

	static final String PASSWORD = "storefront-dev";

	static final List<DemoUser> USERS = List.of(
			new DemoUser("64a000000000000000000001", "admin@storefront.example", "Ada Admin", List.of(Role.CUSTOMER, Role.ADMIN)),
			new DemoUser("64a000000000000000000002", "support@storefront.example", "Sam Support",
					List.of(Role.CUSTOMER, Role.SUPPORT)),
			new DemoUser("64a000000000000000000003", "carol@storefront.example", "Carol Customer", List.of(Role.CUSTOMER)),
			new DemoUser("64a000000000000000000004", "dave@storefront.example", "Dave Customer", List.of(Role.CUSTOMER)));

	private final AccountService accounts;

	DemoAccounts(AccountService accounts) {
		this.accounts = accounts;
	}

	@Override
	public String name() {
		return "users";
	}

	@Override
	public boolean isEmpty() {
		return this.accounts.hasNoUsers();
	}

	@Override
	public int load() {
		USERS.forEach((user) -> this.accounts.createTrusted(user.id(), user.email(), user.name(), PASSWORD, user.roles()));
		return USERS.size();
	}

	record DemoUser(String id, String email, String name, List<Role> roles) {

	}

}
