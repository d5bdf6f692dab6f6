package io.storefront.gateway.kernel;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.schema.DataFetchingEnvironment;

/**
 * Which fields an operation selects below the field being fetched, read from the document itself: for a
 * listing to read only what the page shows. Fragments are followed; {@code @include} and {@code @skip} are not
 * judged, so the answer may name a field the operation then leaves out, never the other way round. graphql-java's
 * own selection set would answer the same at the cost of normalizing the whole operation first.
 */
public final class Selections {

	private Selections() {
	}

	/** The names of the fields selected at this path below the current field, e.g. {@code "edges", "node"}. */
	public static Set<String> fieldsAt(DataFetchingEnvironment env, String... path) {
		Set<String> names = new LinkedHashSet<>();
		Map<String, FragmentDefinition> fragments = env.getFragmentsByName();
		for (Field field : env.getMergedField().getFields()) {
			collect(field.getSelectionSet(), path, 0, fragments, names);
		}
		return names;
	}

	private static void collect(SelectionSet selections, String[] path, int depth,
			Map<String, FragmentDefinition> fragments, Set<String> names) {
		if (selections == null) {
			return;
		}
		for (Selection<?> selection : selections.getSelections()) {
			if (selection instanceof Field field) {
				if (depth == path.length) {
					names.add(field.getName());
				}
				else if (field.getName().equals(path[depth])) {
					collect(field.getSelectionSet(), path, depth + 1, fragments, names);
				}
			}
			else if (selection instanceof InlineFragment inline) {
				collect(inline.getSelectionSet(), path, depth, fragments, names);
			}
			else if (selection instanceof FragmentSpread spread && fragments.get(spread.getName()) != null) {
				collect(fragments.get(spread.getName()).getSelectionSet(), path, depth, fragments, names);
			}
		}
	}

}
