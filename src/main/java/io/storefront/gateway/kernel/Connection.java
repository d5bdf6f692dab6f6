package io.storefront.gateway.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

import org.jspecify.annotations.Nullable;

import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Window;
import org.springframework.graphql.data.pagination.CursorStrategy;

/**
 * One page of a Relay connection, as the schema's {@code XConnection} types declare it. Each edge writes its
 * cursor only when the cursor is asked for: most pages are read for their nodes alone, and encoding a cursor
 * costs more than reading the node.
 *
 * @param <T> the type of the nodes
 * @param edges the page's nodes in order, each with its position
 * @param pageInfo where the page sits
 */
public record Connection<T>(List<Edge<T>> edges, PageInfo pageInfo) {

	/** A connection over a window that was read forward from a keyset position. */
	public static <T> Connection<T> of(Window<T> window, CursorStrategy<ScrollPosition> cursors) {
		return of(window.getContent(), window.hasNext(), window::positionAt, cursors);
	}

	/**
	 * A connection over nodes read forward, where {@code positionAt} gives the keyset position after each node
	 * and {@code hasNext} whether more follow.
	 */
	public static <T> Connection<T> of(List<T> nodes, boolean hasNext, IntFunction<ScrollPosition> positionAt,
			CursorStrategy<ScrollPosition> cursors) {
		List<Edge<T>> edges = new ArrayList<>(nodes.size());
		for (int i = 0; i < nodes.size(); i++) {
			edges.add(new Edge<>(nodes.get(i), i, positionAt, cursors));
		}
		// read forward, a page knows what follows it but not what precedes it
		return new Connection<>(List.copyOf(edges), new PageInfo(edges, !edges.isEmpty() && hasNext));
	}

	/** A node and its position in the listing. */
	public static final class Edge<T> {

		private final T node;

		private final int index;

		private final IntFunction<ScrollPosition> positionAt;

		private final CursorStrategy<ScrollPosition> cursors;

		private Edge(T node, int index, IntFunction<ScrollPosition> positionAt, CursorStrategy<ScrollPosition> cursors) {
			this.node = node;
			this.index = index;
			this.positionAt = positionAt;
			this.cursors = cursors;
		}

		public T node() {
			return this.node;
		}

		public String cursor() {
			return this.cursors.toCursor(this.positionAt.apply(this.index));
		}

	}

	/** Where a page sits in the whole listing. */
	public static final class PageInfo {

		private final List<? extends Edge<?>> edges;

		private final boolean hasNextPage;

		private PageInfo(List<? extends Edge<?>> edges, boolean hasNextPage) {
			this.edges = edges;
			this.hasNextPage = hasNextPage;
		}

		public boolean hasNextPage() {
			return this.hasNextPage;
		}

		public boolean hasPreviousPage() {
			return false;
		}

		public @Nullable String startCursor() {
			return this.edges.isEmpty() ? null : this.edges.get(0).cursor();
		}

		public @Nullable String endCursor() {
			return this.edges.isEmpty() ? null : this.edges.get(this.edges.size() - 1).cursor();
		}

	}

}
