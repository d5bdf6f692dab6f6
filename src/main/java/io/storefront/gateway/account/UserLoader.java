package io.storefront.gateway.account;

import java.util.function.Function;
import java.util.stream.Collectors;

import graphql.GraphQLContext;
import reactor.core.publisher.Mono;

import io.storefront.gateway.security.Caller;
import io.storefront.gateway.security.FieldVisibility;

import org.springframework.graphql.execution.BatchLoaderRegistry;
import org.springframework.stereotype.Component;

/**
 * One data loader of users by id per request, named {@value #NAME}: an order's customer and anything else that
 * names a user asks it, so a request reads the users collection once however many parents name users, and each
 * user once however many parents name them. Keyed by id, not by the parent document, so that a key costs a string's
 * hash rather than the hash of a whole order. Unknown ids load as null. Each user is read as the caller may see
 * them ({@link UserReading}).
 */
@Component
public class UserLoader {

	/** The data loader's name; a controller method receives it as a parameter named {@code userById}. */
	public static final String NAME = "userById";

	UserLoader(AccountService accounts, FieldVisibility visibility, BatchLoaderRegistry registry) {
		registry.<String, User>forName(NAME).registerMappedBatchLoader((ids, env) -> {
			GraphQLContext context = env.getContext();
			UserReading reading = UserReading.of((context != null) ? context.get(Caller.CONTEXT_KEY) : null, visibility);
			return Mono.just(
					accounts.findUsers(ids, reading).stream().collect(Collectors.toMap(User::id, Function.identity())));
		});
	}

}
