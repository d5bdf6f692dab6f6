package io.storefront.gateway.security;

import java.util.Set;

/**
 * Which fields of a type the authorization rules hide from a caller whatever the object: those a rule denies
 * for the caller's roles alone. A read may leave them out, since the interceptor would answer them with null
 * anyway; a field that depends on who owns the object is never among them.
 */
public interface FieldVisibility {

	Set<String> hiddenFrom(Caller caller, String typeName);

	/**
	 * Which fields of a type the rules hide from a caller on an object the caller does not own: those of
	 * {@link #hiddenFrom} and those a rule lets through only for the owner. A read of many objects may leave them
	 * out of all but the caller's own.
	 */
	Set<String> hiddenFromOthers(Caller caller, String typeName);

}
