package io.storefront.gateway.account;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

import io.storefront.gateway.security.Owned;
import io.storefront.gateway.security.Role;
import org.jspecify.annotations.Nullable;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A user document. The email is stored in lower case, so the unique index makes it unique regardless of case.
 * The password hash never leaves the server: the schema has no field for it and {@link #toString()} hides it.
 * <p>
 * The stored document also carries the user's open {@link Sessions}, which this record does not map: an
 * existing user is therefore only ever changed with update operators, never replaced whole.
 */
@Document(User.COLLECTION)
public record User(@Id String id, @Indexed(unique = true) String email, String name, String passwordHash,
		@Nullable List<Role> roles, Instant createdAt, @Version @Nullable Long version) implements Owned {

	static final String COLLECTION = "users";

	public User {
		// null only where a read left the roles out, for a caller the rules deny them
		roles = (roles != null) ? sorted(roles) : null;
	}

	@Override
	public String ownerId() {
		return this.id;
	}

	static List<Role> sorted(Collection<Role> roles) {
		return roles.stream().distinct().sorted().toList();
	}

	@Override
	public String toString() {
		return "User[id=" + this.id + ", roles=" + this.roles + "]";
	}

}
