/**
 * The shared kernel: the error codes and failures a client can act on, the rules of ids and pages, SHA-256 names,
 * and where a request came from. Features and the transport both use it, so that no feature imports the
 * transport.
 */
@NullMarked
package io.storefront.gateway.kernel;

import org.jspecify.annotations.NullMarked;
