/**
 * The catalog: products, their listing with keyset pagination, and the demo catalog.
 */
@NullMarked
package io.storefront.gateway.catalog;

import org.jspecify.annotations.NullMarked;
