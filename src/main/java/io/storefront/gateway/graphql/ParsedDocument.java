package io.storefront.gateway.graphql;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.language.Argument;
import graphql.language.Directive;
import graphql.language.Field;
import graphql.language.Node;
import graphql.language.NodeTraverser;
import graphql.language.NodeVisitorStub;
import graphql.language.OperationDefinition;
import graphql.language.VariableReference;
import graphql.util.TraversalControl;
import graphql.util.TraverserContext;
import org.jspecify.annotations.Nullable;

/**
 * A document as graphql-java parsed and validated it, with what is read off it once for every request that sends
 * it: its operations, and the variables its measure depends on (page sizes and {@code @include}/{@code @skip}).
 *
 * @param entry the parsed and validated document, or its errors
 * @param operations the document's operations
 * @param costVariables the variables given as {@code first} or as the condition of {@code @include}/{@code @skip}
 */
record ParsedDocument(PreparsedDocumentEntry entry, List<OperationDefinition> operations, Set<String> costVariables) {

	static ParsedDocument of(PreparsedDocumentEntry entry) {
		if (entry.hasErrors()) {
			return new ParsedDocument(entry, List.of(), Set.of());
		}
		Set<String> costVariables = new LinkedHashSet<>();
		new NodeTraverser().preOrder(new NodeVisitorStub() {

			@Override
			public TraversalControl visitArgument(Argument argument, TraverserContext<Node> context) {
				Node<?> parent = context.getParentNode();
				boolean pageSize = parent instanceof Field && argument.getName().equals("first");
				boolean condition = parent instanceof Directive directive && argument.getName().equals("if")
						&& (directive.getName().equals("include") || directive.getName().equals("skip"));
				if ((pageSize || condition) && argument.getValue() instanceof VariableReference variable) {
					costVariables.add(variable.getName());
				}
				return TraversalControl.CONTINUE;
			}

		}, entry.getDocument());
		return new ParsedDocument(entry, entry.getDocument().getDefinitionsOfType(OperationDefinition.class),
				Set.copyOf(costVariables));
	}

	/**
	 * The operations a request with this operation name runs: the named one, the only one when none is named,
	 * and otherwise all of them (graphql-java then refuses the request for naming none, or an unknown one).
	 */
	List<OperationDefinition> operations(@Nullable String operationName) {
		if (operationName == null || operationName.isEmpty()) {
			return this.operations;
		}
		List<OperationDefinition> named = this.operations.stream()
			.filter((operation) -> operationName.equals(operation.getName()))
			.toList();
		return named.isEmpty() ? this.operations : named;
	}

}
