package io.storefront.gateway.graphql;

import java.util.Locale;
import java.util.stream.Collectors;

import graphql.language.Field;
import graphql.language.OperationDefinition;

/**
 * How an operation is named in the request log: its name, or for an anonymous one its type and root fields
 * ({@code query{products}}), taken from the document whether or not the request said which operation to run.
 */
final class OperationNames {

	private OperationNames() {
	}

	static String describe(OperationDefinition operation) {
		if (operation.getName() != null) {
			return operation.getName();
		}
		return operation.getOperation().name().toLowerCase(Locale.ROOT) + operation.getSelectionSet()
			.getSelectionsOfType(Field.class)
			.stream()
			.map(Field::getName)
			.collect(Collectors.joining(",", "{", "}"));
	}

}
