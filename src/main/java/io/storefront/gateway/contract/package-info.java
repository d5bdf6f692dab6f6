/**
 * The contract kit for frontend teams: the operation checker and its command line, and the breaking-change gate
 * between the released schema and the current one.
 */
@NullMarked
package io.storefront.gateway.contract;

import org.jspecify.annotations.NullMarked;
