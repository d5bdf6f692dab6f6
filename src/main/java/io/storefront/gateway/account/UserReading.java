package io.storefront.gateway.account;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import io.storefront.gateway.security.Caller;
import io.storefront.gateway.security.FieldVisibility;

import org.springframework.data.mongodb.core.query.Query;

/**
 * What of the user documents a GraphQL read loads for one caller. Never the password hash or the open sessions,
 * which no field serves; never a field the rules hide from the caller's roles; and a field only its owner may
 * see (a SUPPORT caller's {@code roles}) from the caller's own document alone. Where the operation says which
 * fields it selects, only those are read.
 *
 * @param callerId the caller's user id, or null when anonymous
 * @param hidden the fields left out of every document
 * @param ownerOnly the fields left out of every document but the caller's own
 * @param selected the fields the operation selects, or null when any may be
 */
record UserReading(@Nullable String callerId, Set<String> hidden, Set<String> ownerOnly,
		@Nullable Set<String> selected) {

	/** The stored fields a field of the schema serves, by the names the schema gives them. */
	private static final List<String> SERVED = List.of("email", "name", "roles", "createdAt");

	static UserReading of(@Nullable Caller caller, FieldVisibility visibility) {
		return of(caller, visibility, null);
	}

	static UserReading of(@Nullable Caller caller, FieldVisibility visibility, @Nullable Set<String> selected) {
		Caller reader = (caller != null) ? caller : Caller.anonymous();
		Set<String> hidden = visibility.hiddenFrom(reader, "User");
		Set<String> ownerOnly = new HashSet<>(visibility.hiddenFromOthers(reader, "User"));
		ownerOnly.removeAll(hidden);
		return new UserReading(reader.userId(), hidden, Set.copyOf(ownerOnly),
				(selected != null) ? Set.copyOf(selected) : null);
	}

	boolean isCaller(String userId) {
		return userId.equals(this.callerId);
	}

	/** Names the fields to load, for documents that are the caller's own ({@code own}) or may not be. */
	Query project(Query query, boolean own) {
		// named even when it is all, so that a selection of no stored field never reads the whole document
		query.fields().include("_id");
		for (String field : SERVED) {
			if (isSelected(field) && !this.hidden.contains(field) && (own || !this.ownerOnly.contains(field))) {
				query.fields().include(field);
			}
		}
		return query;
	}

	/** Whether the caller's own document, read among others', lacks selected fields the caller may see on it. */
	boolean ownDocumentNeedsMore() {
		return this.callerId != null && this.ownerOnly.stream().anyMatch(this::isSelected);
	}

	private boolean isSelected(String field) {
		return this.selected == null || this.selected.contains(field);
	}

}
