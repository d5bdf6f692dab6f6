/**
 * Carts: one per user, lines of product and quantity, prices always read live from the catalog.
 */
@NullMarked
package io.storefront.gateway.cart;

import org.jspecify.annotations.NullMarked;
