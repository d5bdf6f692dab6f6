/**
 * Who may call what: JWT authentication (own tokens and, when configured, an external issuer), sign-out and role
 * changes that take effect at once, password hashing, and the caller of each request. The schema's authorization
 * directives are read into one {@link io.storefront.gateway.security.RuleBook} and wired around the data fetchers
 * once, when the schema is built. Also the HTTP security chain, introspection policy and schema disclosure.
 */
@NullMarked
package io.storefront.gateway.security;

import org.jspecify.annotations.NullMarked;
