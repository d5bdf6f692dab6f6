/**
 * The MongoDB store: the embedded server, used when no URI is configured and asked for; the refusal to start
 * without a store; timeouts, leases and demo data loading.
 */
@NullMarked
package io.storefront.gateway.store;

import org.jspecify.annotations.NullMarked;
