package io.storefront.gateway.graphql;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import graphql.schema.GraphQLAppliedDirective;
import graphql.schema.GraphQLCompositeType;
import graphql.schema.GraphQLDirectiveContainer;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.graphql.execution.GraphQlSource;

/**
 * What an HTTP cache may do with an answer, from the fields its operation selects: the schema's
 * {@code @cacheControl} hints, read as Apollo Server reads them, and the authorization rules ({@link PublicFields}).
 * An answer to a GET without a token, without errors, whose fields are all public and hinted, is
 * {@code public, max-age=N} with N the smallest hint; one that touches a field a rule guards, or any answer to a
 * caller who sent a token, is {@code private, no-store}; anything else is {@code no-store}.
 */
final class HttpCaching {

	static final String PERSONAL = "private, no-store";

	static final String UNCACHEABLE = "no-store";

	private final ObjectProvider<GraphQlSource> graphQlSource;

	private final ObjectProvider<PublicFields> publicFields;

	private final Map<String, FieldHint> hints = new ConcurrentHashMap<>();

	HttpCaching(ObjectProvider<GraphQlSource> graphQlSource, ObjectProvider<PublicFields> publicFields) {
		this.graphQlSource = graphQlSource;
		this.publicFields = publicFields;
	}

	/**
	 * The Cache-Control of a successful answer to a GET without a token that selected these fields (as
	 * {@code Type.field}): {@code public, max-age=N}, {@link #PERSONAL} or {@link #UNCACHEABLE}.
	 */
	String cacheControl(Set<String> fields) {
		if (fields.isEmpty()) {
			return UNCACHEABLE;
		}
		int maxAge = Integer.MAX_VALUE;
		for (String coordinates : fields) {
			FieldHint hint = this.hints.get(coordinates);
			if (hint == null) {
				hint = this.hints.computeIfAbsent(coordinates, this::hintOf);
			}
			if (hint.personal()) {
				return PERSONAL;
			}
			if (hint.maxAge() != null) {
				maxAge = Math.min(maxAge, hint.maxAge());
			}
		}
		return (maxAge > 0 && maxAge != Integer.MAX_VALUE) ? "public, max-age=" + maxAge : UNCACHEABLE;
	}

	/**
	 * What one field contributes, worked out once: a maxAge, or null where it takes its parent's; and whether it
	 * makes the answer personal (a rule guards it, or a hint says {@code PRIVATE}).
	 */
	record FieldHint(@Nullable Integer maxAge, boolean personal) {

	}

	private FieldHint hintOf(String coordinates) {
		GraphQLSchema schema = this.graphQlSource.getObject().schema();
		PublicFields rules = this.publicFields.getIfAvailable(() -> (type, field) -> false);
		int dot = coordinates.indexOf('.');
		String typeName = coordinates.substring(0, dot);
		String fieldName = coordinates.substring(dot + 1);
		if (!(schema.getType(typeName) instanceof GraphQLFieldsContainer parent)
				|| parent.getFieldDefinition(fieldName) == null) {
			return new FieldHint(0, false);
		}
		GraphQLFieldDefinition field = parent.getFieldDefinition(fieldName);
		GraphQLType returned = GraphQLTypeUtil.unwrapAll(field.getType());
		Applied onField = Applied.of(field);
		Applied onType = (returned instanceof GraphQLDirectiveContainer type) ? Applied.of(type) : null;
		boolean personal = !rules.isPublic(typeName, fieldName) || (onField != null && onField.personal())
				|| (onType != null && onType.personal());
		boolean root = isRoot(schema, parent);
		return new FieldHint(maxAge(onField, onType, root || returned instanceof GraphQLCompositeType), personal);
	}

	private static @Nullable Integer maxAge(@Nullable Applied onField, @Nullable Applied onType,
			boolean zeroByDefault) {
		for (Applied hint : new Applied[] { onField, onType }) {
			if (hint != null && hint.maxAge() != null) {
				return hint.maxAge();
			}
			if (hint != null && hint.inheritMaxAge()) {
				return null;
			}
		}
		return zeroByDefault ? 0 : null;
	}

	private static boolean isRoot(GraphQLSchema schema, GraphQLFieldsContainer type) {
		return type == schema.getQueryType() || type == schema.getMutationType()
				|| type == schema.getSubscriptionType();
	}

	/** One {@code @cacheControl} as applied. */
	private record Applied(@Nullable Integer maxAge, boolean personal, boolean inheritMaxAge) {

		static @Nullable Applied of(GraphQLDirectiveContainer element) {
			GraphQLAppliedDirective applied = element.getAppliedDirective("cacheControl");
			if (applied == null) {
				return null;
			}
			Integer maxAge = (applied.getArgument("maxAge") != null) ? applied.getArgument("maxAge").getValue() : null;
			Object scope = (applied.getArgument("scope") != null) ? applied.getArgument("scope").getValue() : null;
			Boolean inherit = (applied.getArgument("inheritMaxAge") != null)
					? applied.getArgument("inheritMaxAge").getValue() : null;
			return new Applied(maxAge, "PRIVATE".equals(String.valueOf(scope)), Boolean.TRUE.equals(inherit));
		}

	}

}
