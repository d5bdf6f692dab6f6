/**
 * Who may call what: the HTTP security chain.
 */
@NullMarked
package io.storefront.gateway.security;

import org.jspecify.annotations.NullMarked;
