/**
 * The Storefront GraphQL gateway: one package per feature, plus security, graphql and store for what cuts across.
 */
@NullMarked
package io.storefront.gateway;

import org.jspecify.annotations.NullMarked;
