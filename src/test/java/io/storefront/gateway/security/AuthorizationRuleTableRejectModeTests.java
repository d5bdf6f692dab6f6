package io.storefront.gateway.security;

import org.springframework.test.context.TestPropertySource;

/**
 * The whole rule table in {@code reject} mode: what sign-in and roles deny is refused before anything runs or is
 * read, with one error at the denied path; what ownership decides is decided on the object, as in
 * {@code filter}.
 */
@TestPropertySource(properties = "storefront.security.authorization.mode=REJECT")
class AuthorizationRuleTableRejectModeTests extends AuthorizationRuleTableTests {

}
