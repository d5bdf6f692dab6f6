package io.storefront.gateway.security;

import org.springframework.test.context.TestPropertySource;

/**
 * The whole rule table with the projections off, reading every field whatever the rules hide: every cell is the
 * same as with them on, so reading less never changes an answer.
 */
@TestPropertySource(properties = "storefront.security.authorization.projection=false")
class AuthorizationRuleTableWithoutProjectionTests extends AuthorizationRuleTableTests {

}
