/**
 * GraphQL plumbing shared by all features: scalars, error codes and classification, keyset cursors, schema checks.
 */
@NullMarked
package io.storefront.gateway.graphql;

import org.jspecify.annotations.NullMarked;
