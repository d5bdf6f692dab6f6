package io.storefront.gateway.cart;

import org.springframework.data.mongodb.repository.MongoRepository;

/**
 * The cart documents, one per user id.
 */
interface Carts extends MongoRepository<Cart, String> {

}
