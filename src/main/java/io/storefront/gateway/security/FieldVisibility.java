package io.storefront.gateway.security;

import java.util.Set;

/**
 * Which fields of a type the authorization rules hide from a caller whatever the object: those a rule denies
 * for the caller's roles alone. A read may leave them out, since the interceptor would answer them with null
 * anyway; a field that depends on who owns the object is never among them.
 */
@FunctionalInterface
public interface FieldVisibility {

	Set<String> hiddenFrom(Caller caller, String typeName);

}
