/**
 * Orders: checkout (reserve stock, write the order, settle, all idempotent), the snapshot of what was bought, its
 * status history, who may see it, and the sweeper that repairs what a dying process left half-done.
 */
@NullMarked
package io.storefront.gateway.order;

import org.jspecify.annotations.NullMarked;
