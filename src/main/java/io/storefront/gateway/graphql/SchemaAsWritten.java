package io.storefront.gateway.graphql;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

import graphql.schema.GraphQLDirective;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLSchemaElement;
import graphql.schema.GraphQLTypeVisitorStub;
import graphql.schema.SchemaTransformer;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.SchemaPrinter;
import graphql.schema.idl.TypeDefinitionRegistry;
import graphql.util.TraversalControl;
import graphql.util.TraverserContext;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The schema exactly as {@code schema/} declares it, for everything a client reads of it: introspection (so
 * GraphiQL's docs), {@code /graphql/schema}, and the released contract the breaking-change gate keeps. Three
 * things graphql-java would add are left out: {@code #} comments stay comments (they are notes for maintainers,
 * not descriptions), a custom scalar keeps the description the schema gives it rather than its library's, and
 * the directives graphql-java defines for every schema ({@code @defer}, {@code @oneOf} and the experimental
 * ones) are not printed, since no file declares them. A client that diffs any two of these sees no change.
 */
public final class SchemaAsWritten {

	private static final SchemaGenerator.Options GENERATOR = SchemaGenerator.Options.defaultOptions()
		.useCommentsAsDescriptions(false);

	private static final String LOCATION = "classpath*:schema/*.graphqls";

	private SchemaAsWritten() {
	}

	/** The SDL files of {@code schema/}, from the classpath the build put them on. */
	public static TypeDefinitionRegistry read() {
		TypeDefinitionRegistry registry = new TypeDefinitionRegistry();
		try {
			for (Resource file : new PathMatchingResourcePatternResolver().getResources(LOCATION)) {
				registry.merge(new SchemaParser().parse(file.getContentAsString(StandardCharsets.UTF_8)));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return registry;
	}

	/** The executable schema: no comment becomes a description, and every scalar reads as the file writes it. */
	public static GraphQLSchema executable(TypeDefinitionRegistry registry, RuntimeWiring wiring) {
		GraphQLSchema schema = new SchemaGenerator().makeExecutableSchema(GENERATOR, registry, wiring);
		return SchemaTransformer.transformSchema(schema, new WrittenScalarDescriptions());
	}

	/** Any SDL text of this gateway as a schema, with its scalars but no data fetchers: for comparing texts. */
	public static GraphQLSchema declaredBy(String sdl) {
		return executable(new SchemaParser().parse(sdl),
				StorefrontScalars.register(RuntimeWiring.newRuntimeWiring()).build());
	}

	/** The SDL of a schema, with only what its files declare. */
	public static String print(GraphQLSchema schema) {
		return new SchemaPrinter(SchemaPrinter.Options.defaultOptions()
			.includeScalarTypes(true)
			.includeSchemaDefinition(false)
			.includeDirectiveDefinition((name) -> declared(schema, name))
			.includeDirectives(true)).print(schema);
	}

	// graphql-java's own directives carry a definition too, but one that no file was parsed into
	private static boolean declared(GraphQLSchema schema, String directive) {
		GraphQLDirective definition = schema.getDirective(directive);
		return definition != null && definition.getDefinition() != null
				&& definition.getDefinition().getSourceLocation() != null;
	}

	/** graphql-java keeps a wired scalar's own description; the schema's file is what clients should read. */
	private static final class WrittenScalarDescriptions extends GraphQLTypeVisitorStub {

		@Override
		public TraversalControl visitGraphQLScalarType(GraphQLScalarType scalar,
				TraverserContext<GraphQLSchemaElement> context) {
			if (scalar.getDefinition() == null) {
				return TraversalControl.CONTINUE;
			}
			String written = (scalar.getDefinition().getDescription() != null)
					? scalar.getDefinition().getDescription().getContent() : null;
			if (Objects.equals(written, scalar.getDescription())) {
				return TraversalControl.CONTINUE;
			}
			return changeNode(context, scalar.transform((builder) -> builder.description(written)));
		}

	}

}
