package io.storefront.gateway.graphql;

/**
 * Which schema fields anyone may read, signed in or not, as the authorization rules say. An answer is shared
 * through HTTP caches only when every field it holds is one of these.
 */
@FunctionalInterface
public interface PublicFields {

	boolean isPublic(String typeName, String fieldName);

}
