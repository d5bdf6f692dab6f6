/**
 * The catalog: products, their listing with keyset pagination (read with a projection and decoded straight from
 * BSON), stock held and released by checkouts, administration, and the demo catalog.
 */
@NullMarked
package io.storefront.gateway.catalog;

import org.jspecify.annotations.NullMarked;
