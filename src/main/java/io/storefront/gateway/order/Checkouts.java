package io.storefront.gateway.order;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.data.mongodb.repository.MongoRepository;

/**
 * The checkout records.
 */
interface Checkouts extends MongoRepository<Checkout, String> {

	Optional<Checkout> findByUserIdAndIdempotencyKey(String userId, String idempotencyKey);

	List<Checkout> findByStateInAndUpdatedAtBefore(List<Checkout.State> states, Instant before);

	List<Checkout> findByStateAndSettledAtIsNullAndUpdatedAtBefore(Checkout.State state, Instant before);

}
