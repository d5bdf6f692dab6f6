package io.storefront.gateway.account;

import java.time.Instant;

/**
 * What signing up or in returns: a bearer token, when it expires, and the signed-in user.
 */
record AuthPayload(String token, Instant expiresAt, User user) {

}
