/**
 * The transport: GraphQL over HTTP (GET and POST, the body limit, status codes, HTTP caching from the schema's
 * {@code @cacheControl} hints), the one pass over an operation (persisted operations, the parse-and-validate cache,
 * depth, size and cost limits, the deadline), the schema as written and its assembly, scalars, error
 * classification, keyset cursors, field usage metrics, the request log, GraphiQL and the start-up check that
 * every schema field is mapped. It builds on the kernel and knows no feature.
 */
@NullMarked
package io.storefront.gateway.graphql;

import org.jspecify.annotations.NullMarked;
