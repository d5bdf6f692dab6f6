package io.storefront.gateway.order;

import org.springframework.data.mongodb.repository.MongoRepository;

/**
 * The order documents.
 */
interface Orders extends MongoRepository<Order, String> {

}
