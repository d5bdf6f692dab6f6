/**
 * The MongoDB store: the embedded server used when no URI is configured, and demo data loading.
 */
@NullMarked
package io.storefront.gateway.store;

import org.jspecify.annotations.NullMarked;
