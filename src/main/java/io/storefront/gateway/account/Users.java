package io.storefront.gateway.account;

import java.util.Optional;

import org.springframework.data.mongodb.repository.MongoRepository;

/**
 * The user documents.
 */
interface Users extends MongoRepository<User, String> {

	Optional<User> findByEmail(String email);

}
