package io.storefront.gateway.account;

import java.util.List;

import graphql.schema.DataFetchingEnvironment;
import org.jspecify.annotations.Nullable;

import io.storefront.gateway.account.AccountInputs.LogInInput;
import io.storefront.gateway.account.AccountInputs.SignUpInput;
import io.storefront.gateway.kernel.ClientAddress;
import io.storefront.gateway.kernel.Connection;
import io.storefront.gateway.kernel.Selections;
import io.storefront.gateway.security.Caller;
import io.storefront.gateway.security.FieldVisibility;
import io.storefront.gateway.security.Role;
import io.storefront.gateway.security.SignedInScope;

import org.springframework.data.domain.ScrollPosition;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.pagination.CursorStrategy;
import org.springframework.graphql.data.query.ScrollSubrange;
import org.springframework.stereotype.Controller;

/**
 * The account operations. Who may call each is declared in {@code user.graphqls}, not here.
 */
@Controller
class AccountController {

	private final AccountService accounts;

	private final SignInService signIns;

	private final CursorStrategy<ScrollPosition> cursors;

	private final FieldVisibility visibility;

	AccountController(AccountService accounts, SignInService signIns, CursorStrategy<ScrollPosition> cursors,
			FieldVisibility visibility) {
		this.accounts = accounts;
		this.signIns = signIns;
		this.cursors = cursors;
		this.visibility = visibility;
	}

	@MutationMapping
	AuthPayload signUp(@Argument SignUpInput input, @ContextValue ClientAddress clientAddress,
			DataFetchingEnvironment env) {
		return signedIn(this.signIns.signUp(input, clientAddress), env);
	}

	@MutationMapping
	AuthPayload logIn(@Argument LogInInput input, @ContextValue ClientAddress clientAddress,
			DataFetchingEnvironment env) {
		return signedIn(this.signIns.logIn(input, clientAddress), env);
	}

	// within the payload the user who just signed in reads their own fields, as they will with the token
	private static AuthPayload signedIn(AuthPayload payload, DataFetchingEnvironment env) {
		SignedInScope.enter(env, payload.user().id(), payload.user().roles());
		return payload;
	}

	@MutationMapping
	boolean logOut(@ContextValue Caller caller) {
		return this.signIns.logOut(caller);
	}

	@MutationMapping
	boolean logOutEverywhere(@ContextValue Caller caller) {
		return this.signIns.logOutEverywhere(caller);
	}

	@QueryMapping
	@Nullable User me(@ContextValue Caller caller, DataFetchingEnvironment env) {
		return this.accounts.findUser("me", caller.requireUserId(),
				UserReading.of(caller, this.visibility, Selections.fieldsAt(env))).orElse(null);
	}

	@QueryMapping
	Connection<User> users(@Argument @Nullable Integer first, ScrollSubrange subrange,
			@Argument @Nullable String search, @ContextValue Caller caller, DataFetchingEnvironment env) {
		return Connection.of(this.accounts.listUsers(first, subrange.position().orElse(null), search,
				UserReading.of(caller, this.visibility, Selections.fieldsAt(env, "edges", "node"))), this.cursors);
	}

	@QueryMapping
	@Nullable User user(@Argument String id, @ContextValue Caller caller, DataFetchingEnvironment env) {
		return this.accounts.findUser("id", id, UserReading.of(caller, this.visibility, Selections.fieldsAt(env)))
			.orElse(null);
	}

	@MutationMapping
	User setUserRoles(@Argument String userId, @Argument List<Role> roles, @ContextValue Caller caller) {
		return this.accounts.setRoles(caller.requireUserId(), userId, roles);
	}

}
