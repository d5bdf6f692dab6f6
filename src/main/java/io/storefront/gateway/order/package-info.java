/**
 * Orders: the snapshot of what was bought, its status history, and who may see it.
 */
@NullMarked
package io.storefront.gateway.order;

import org.jspecify.annotations.NullMarked;
