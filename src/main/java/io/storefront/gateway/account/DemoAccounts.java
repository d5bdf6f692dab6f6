package io.storefront.gateway.account;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.storefront.gateway.security.Role;
import io.storefront.gateway.store.DemoData;
import io.storefront.gateway.store.StoreProperties;

import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * The demo users: one ADMIN, one SUPPORT and two CUSTOMERs, with fixed ids and the password
 * {@code storefront.store.demo-password}. The dev profile uses the password README publishes; no other profile
 * may, so an account anyone can sign in to as ADMIN never exists outside dev. Without a password the demo data
 * comes without accounts.
 */
@Component
class DemoAccounts implements DemoData {

	/** The dev-only password README lists. */
	static final String PUBLISHED_PASSWORD = "storefront-dev";

	/** In the order GraphiQL's "view as" offers them, from the least a caller may see to the most. */
	static final List<DemoUser> USERS = List.of(
			new DemoUser("64a000000000000000000003", "carol@storefront.example", "Carol Customer", List.of(Role.CUSTOMER),
					"CUSTOMER, owner of the demo order"),
			new DemoUser("64a000000000000000000004", "dave@storefront.example", "Dave Customer", List.of(Role.CUSTOMER),
					"CUSTOMER, not the owner"),
			new DemoUser("64a000000000000000000002", "support@storefront.example", "Sam Support",
					List.of(Role.CUSTOMER, Role.SUPPORT), "SUPPORT"),
			new DemoUser("64a000000000000000000001", "admin@storefront.example", "Ada Admin", List.of(Role.CUSTOMER, Role.ADMIN),
					"ADMIN"));

	private static final Logger logger = LoggerFactory.getLogger(DemoAccounts.class);

	private final AccountService accounts;

	private final @Nullable String password;

	DemoAccounts(AccountService accounts, StoreProperties properties, Environment environment) {
		this.accounts = accounts;
		this.password = StringUtils.hasText(properties.demoPassword()) ? properties.demoPassword() : null;
		if (PUBLISHED_PASSWORD.equals(this.password) && !environment.acceptsProfiles(Profiles.of("dev"))) {
			throw new IllegalStateException("storefront.store.demo-password is the password README publishes; "
					+ "outside the dev profile choose another or leave it unset.");
		}
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
		if (this.password == null) {
			logger.warn("No storefront.store.demo-password set: the demo data comes without demo accounts");
			return 0;
		}
		USERS.forEach((user) -> this.accounts.createTrusted(user.id(), user.email(), user.name(), this.password,
				user.roles()));
		return USERS.size();
	}

	/** The password of the demo accounts, for the dev profile's GraphiQL sign-in. */
	@Nullable String password() {
		return this.password;
	}

	/** A demo user, and the kind of caller GraphiQL's "view as" shows through them. */
	record DemoUser(String id, String email, String name, List<Role> roles, String view) {

	}

}
