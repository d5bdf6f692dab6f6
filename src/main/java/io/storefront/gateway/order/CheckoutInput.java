package io.storefront.gateway.order;

import graphql.scalars.country.code.CountryCode;
import org.jspecify.annotations.Nullable;

/**
 * The {@code CheckoutInput} and {@code AddressInput} of the schema.
 */
record CheckoutInput(String idempotencyKey, AddressInput shippingAddress) {

	record AddressInput(String name, String line1, @Nullable String line2, String city, String postalCode,
			CountryCode country) {

	}

}
