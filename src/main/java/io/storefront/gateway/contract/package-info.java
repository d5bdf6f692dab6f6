/**
 * The contract kit for frontend teams: the operation checker and its command line.
 */
@NullMarked
package io.storefront.gateway.contract;

import org.jspecify.annotations.NullMarked;
