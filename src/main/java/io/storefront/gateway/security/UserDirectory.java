package io.storefront.gateway.security;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the gateway must know of a signed-in user on every request, looked up by id: whether the user still
 * exists, the roles they hold now, and which of their sessions are still open. The account feature provides it;
 * {@link SignedInUsers} asks it at most once per user every few seconds.
 */
public interface UserDirectory {

	Optional<Standing> standing(String userId);

	/**
	 * @param roles the roles the user holds now, whatever their token says
	 * @param sessions the open sessions of tokens this gateway issued, by session id, with when each ends
	 */
	record Standing(List<Role> roles, Map<String, Instant> sessions) {

	}

}
