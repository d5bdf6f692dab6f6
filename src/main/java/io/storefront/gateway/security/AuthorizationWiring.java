package io.storefront.gateway.security;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import graphql.schema.DataFetcher;
import graphql.schema.GraphQLCodeRegistry;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

import io.storefront.gateway.graphql.DataFetchers;
import io.storefront.gateway.graphql.PublicFields;
import io.storefront.gateway.graphql.SchemaStep;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The one security interceptor, wired into the schema as it is built, the way graphql-java-extended-validation
 * wires its directives: the rule book is read from the schema's directives (which refuses a root field without a
 * rule, naming it), and the data fetcher of every field a rule guards is wrapped, once, in a
 * {@link GuardedDataFetcher}. So the rule is judged however the field is reached (alias, fragment, variable,
 * any nesting path), and a field no rule guards costs nothing per request. The same rule book tells the transport
 * which fields are public, so that only answers made of them are shared through HTTP caches.
 */
@Component
class AuthorizationWiring implements SchemaStep, PublicFields, FieldVisibility {

	private final boolean explainDenials;

	private final Map<String, OwnerLookup> ownerLookups;

	// the rules of the schema this wired; none until then, when no field is public
	private volatile @Nullable RuleBook rules;

	private final Map<Audience, Set<String>> hidden = new ConcurrentHashMap<>();

	private final @Nullable RolloutReport rollout;

	private final boolean projection;

	AuthorizationWiring(SecurityProperties properties, List<OwnerLookup> ownerLookups,
			ObjectProvider<MeterRegistry> meters) {
		this.explainDenials = properties.explainDenials();
		this.rollout = (properties.authorization().mode() == SecurityProperties.Authorization.Mode.REPORT_ONLY)
				? new RolloutReport(meters.getIfAvailable()) : null;
		this.projection = properties.authorization().projection();
		this.ownerLookups = ownerLookups.stream().collect(Collectors.toMap(OwnerLookup::typeName, Function.identity()));
	}

	@Override
	public GraphQLSchema apply(GraphQLSchema schema) {
		RuleBook rules = RuleBook.of(schema);
		if (this.rollout != null && rules.inRollout().isEmpty()) {
			// one property must never turn authorization off: report-only covers the rules marked for it, or none
			throw new IllegalStateException("storefront.security.authorization.mode=REPORT_ONLY, but no rule in the "
					+ "schema is marked rollout: true. Mark the rules being rolled out, or use FILTER or REJECT.");
		}
		this.rules = rules;
		GraphQLCodeRegistry.Builder registry = GraphQLCodeRegistry.newCodeRegistry(schema.getCodeRegistry());
		for (RuleBook.Guard guard : rules.guards()) {
			DataFetcher<?> fetcher = registry.getDataFetcher(guard.coordinates(),
					schema.getObjectType(guard.coordinates().getTypeName())
						.getFieldDefinition(guard.coordinates().getFieldName()));
			registry.dataFetcher(guard.coordinates(), DataFetchers.wrap(fetcher, new GuardedDataFetcher(fetcher, guard,
					this.ownerLookups.get(guard.returnType()), this.explainDenials, this.rollout)));
		}
		return schema.transformWithoutTypes((builder) -> builder.codeRegistry(registry));
	}

	/** The rule book of the schema this wired, or null before it is built. */
	@Nullable RuleBook rules() {
		return this.rules;
	}

	@Override
	public Set<String> hiddenFrom(Caller caller, String typeName) {
		return hidden(caller, typeName, false);
	}

	@Override
	public Set<String> hiddenFromOthers(Caller caller, String typeName) {
		return hidden(caller, typeName, true);
	}

	private Set<String> hidden(Caller caller, String typeName, boolean notOwner) {
		RuleBook book = this.rules;
		if (book == null || !this.projection) {
			return Set.of();
		}
		return this.hidden.computeIfAbsent(new Audience(typeName, caller.roles(), caller.isAuthenticated(), notOwner),
				(audience) -> hiddenIn(book, audience, caller, this.rollout != null));
	}

	// in REPORT_ONLY mode a rule being rolled out serves its field, so the field must still be read
	private static Set<String> hiddenIn(RuleBook book, Audience audience, Caller caller, boolean reportOnly) {
		Set<String> hidden = new HashSet<>();
		if (book.schema().getType(audience.typeName()) instanceof GraphQLObjectType type) {
			for (GraphQLFieldDefinition field : type.getFieldDefinitions()) {
				RuleBook.Guard guard = book.guard(audience.typeName(), field.getName());
				if (guard != null && (denies(guard, guard.fieldRule(), caller, audience, reportOnly)
						|| denies(guard, guard.typeRule(), caller, audience, reportOnly))) {
					hidden.add(field.getName());
				}
			}
		}
		return Set.copyOf(hidden);
	}

	private static boolean denies(RuleBook.Guard guard, @Nullable AccessRule rule, Caller caller, Audience audience,
			boolean reportOnly) {
		if (rule == null || (reportOnly && guard.inRollout(rule))) {
			return false;
		}
		AccessRule.Verdict verdict = rule.judge(caller);
		return verdict.denies() || (audience.notOwner() && verdict == AccessRule.Verdict.NEEDS_OWNER);
	}

	/**
	 * What decides which fields a rule hides from a caller of a type: roles, being signed in, and whether the
	 * objects read are known not to be the caller's; never the caller's id.
	 */
	private record Audience(String typeName, Set<Role> roles, boolean signedIn, boolean notOwner) {

	}

	/** A field no rule can deny: a {@code @public} root field, or any field below one that no rule guards. */
	@Override
	public boolean isPublic(String typeName, String fieldName) {
		RuleBook book = this.rules;
		return book != null && book.guard(typeName, fieldName) == null;
	}

}
