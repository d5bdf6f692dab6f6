/**
 * The Storefront GraphQL gateway. One package per feature ({@code catalog}, {@code cart}, {@code order},
 * {@code account}), each with its documents, repository, service and GraphQL controller; features reach each other
 * through services only. Around them: {@code security} (who may call what), {@code graphql} (the transport),
 * {@code store} (the MongoDB store, embedded or not), {@code contract} (the kit for frontend teams), and the small
 * {@code kernel} (error model, ids, pages) that features and transport share, so that no feature imports the
 * transport. {@code ModularityTests} holds these lines.
 */
@NullMarked
package io.storefront.gateway;

import org.jspecify.annotations.NullMarked;
