package io.storefront.gateway.catalog;

import org.springframework.data.mongodb.repository.MongoRepository;

/**
 * The product documents.
 */
interface Products extends MongoRepository<Product, String> {

}
