package io.storefront.gateway.graphql;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import graphql.ExecutionInput;
import graphql.GraphQLContext;
import graphql.GraphQLError;
import graphql.execution.instrumentation.dataloader.DataLoaderDispatchingContextKeys;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.execution.preparsed.PreparsedDocumentProvider;
import graphql.language.OperationDefinition;
import graphql.parser.ParserOptions;
import org.jspecify.annotations.Nullable;

import io.storefront.gateway.kernel.ErrorCode;
import io.storefront.gateway.kernel.StorefrontException;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.graphql.execution.GraphQlSource;

/**
 * Everything that is decided about a request from its document, in one place and before anything runs: the
 * text (sent, or known by its persisted-query hash), parsed and validated by graphql-java's own function within
 * the parser's limits and then kept in a bounded cache, the operation it names, whether it may run over the
 * HTTP method it came by, and its measure against the abuse limits (kept too, per document and the variables the
 * measure depends on). What was found is left in the request's GraphQL context for the transport, the field
 * usage metrics and the deadline of each data fetcher.
 */
final class OperationDocuments implements PreparsedDocumentProvider {

	/** Set by the transport: the HTTP method the request came by. */
	static final String HTTP_METHOD = OperationDocuments.class.getName() + ".method";

	/** Set here when the operation may not run over the HTTP method it came by (a mutation over GET). */
	static final String METHOD_REFUSED = OperationDocuments.class.getName() + ".methodRefused";

	/** The operation's name, or {@code query{products}} for an anonymous one, for the request log. */
	static final String LABEL = OperationDocuments.class.getName() + ".label";

	/** When the operation's data fetchers stop being called (System.nanoTime). */
	static final String DEADLINE = OperationDocuments.class.getName() + ".deadline";

	private final PersistedOperations persisted;

	private final GatewayProperties.Limits limits;

	private final ParserOptions parserOptions;

	private final ObjectProvider<GraphQlSource> graphQlSource;

	private final ObjectProvider<OperationGate> gates;

	// looked up once: asking the bean factory on every request costs as much as a small operation
	private volatile @Nullable List<OperationGate> gateList;

	private final Cache<String, ParsedDocument> documents;

	private final Cache<MeasureKey, QueryMeasure> measures;

	OperationDocuments(PersistedOperations persisted, GatewayProperties properties,
			ObjectProvider<GraphQlSource> graphQlSource, ObjectProvider<OperationGate> gates) {
		this.persisted = persisted;
		this.limits = properties.limits();
		this.parserOptions = ParserOptions.getDefaultOperationParserOptions()
			.transform((options) -> options.maxCharacters(this.limits.maxCharacters()).maxTokens(this.limits.maxTokens()));
		this.graphQlSource = graphQlSource;
		this.gates = gates;
		this.documents = Caffeine.newBuilder().maximumSize(properties.documentCacheSize()).build();
		this.measures = Caffeine.newBuilder().maximumSize(10L * properties.documentCacheSize()).build();
	}

	@Override
	public CompletableFuture<PreparsedDocumentEntry> getDocumentAsync(ExecutionInput input,
			Function<ExecutionInput, PreparsedDocumentEntry> parseAndValidate) {
		GraphQLContext context = input.getGraphQLContext();
		context.put(DEADLINE, System.nanoTime() + this.limits.timeout().toNanos());
		// Batch loads are dispatched when no field can go on without them, as graphql-js does: as few batches as
		// the per-level strategy, at a fraction of its bookkeeping on every field.
		DataLoaderDispatchingContextKeys.setEnableDataLoaderExhaustedDispatching(context, true);
		return CompletableFuture.completedFuture(prepare(input, context, parseAndValidate));
	}

	private PreparsedDocumentEntry prepare(ExecutionInput input, GraphQLContext context,
			Function<ExecutionInput, PreparsedDocumentEntry> parseAndValidate) {
		String text;
		try {
			text = this.persisted.textOf(input.getQuery(), input.getExtensions());
		}
		catch (StorefrontException ex) {
			return new PreparsedDocumentEntry(
					GraphQlErrors.ofRequest(ex.code(), ex.getMessage(), ex.extensions()).build());
		}
		// the parser would refuse it too, but only after it became a key of the cache, up to the body limit each
		if (text.length() > this.limits.maxCharacters()) {
			return new PreparsedDocumentEntry(overParserLimits());
		}
		ParsedDocument parsed = this.documents.get(text, (key) -> parse(input, key, parseAndValidate));
		if (parsed.entry().hasErrors()) {
			return parsed.entry();
		}
		List<OperationDefinition> operations = parsed.operations(input.getOperationName());
		if (operations.size() == 1) {
			context.put(LABEL, OperationNames.describe(operations.get(0)));
			if (operations.get(0).getOperation() == OperationDefinition.Operation.SUBSCRIPTION) {
				// a subscription's events come long after it started; each event's reads are bounded by the store's
				// timeout instead
				context.delete(DEADLINE);
			}
		}
		if ("GET".equals(context.get(HTTP_METHOD))
				&& operations.stream().anyMatch((operation) -> operation.getOperation() != OperationDefinition.Operation.QUERY)) {
			context.put(METHOD_REFUSED, true);
			return new PreparsedDocumentEntry(
					GraphQlErrors
						.ofRequest(ErrorCode.BAD_USER_INPUT, "Only queries may be sent with GET; use POST.", Map.of())
						.build());
		}
		if (operations.size() != 1) {
			// graphql-java names what is wrong: an unknown operation, or several and none chosen
			return parsed.entry();
		}
		QueryMeasure measure = this.measures.get(MeasureKey.of(text, input, parsed),
				(key) -> QueryMeasure.of(this.graphQlSource.getObject().schema(), parsed.entry().getDocument(),
						input.getOperationName(), input.getVariables()));
		List<QueryMeasure.Excess> excesses = measure.excesses(this.limits);
		if (!excesses.isEmpty()) {
			QueryMeasure.Excess first = excesses.get(0);
			return new PreparsedDocumentEntry(tooComplex(first));
		}
		context.put(QueryMeasure.CONTEXT_KEY, measure);
		for (OperationGate gate : gates()) {
			List<GraphQLError> refusals = gate.refusals(this.graphQlSource.getObject().schema(),
					parsed.entry().getDocument(), input.getOperationName(), input.getVariables(), context);
			if (!refusals.isEmpty()) {
				return new PreparsedDocumentEntry(refusals);
			}
		}
		this.persisted.shareIfRegistering(input.getQuery(), input.getExtensions(), text);
		return parsed.entry();
	}

	private List<OperationGate> gates() {
		List<OperationGate> gates = this.gateList;
		if (gates == null) {
			gates = this.gates.orderedStream().toList();
			this.gateList = gates;
		}
		return gates;
	}

	private ParsedDocument parse(ExecutionInput input, String text,
			Function<ExecutionInput, PreparsedDocumentEntry> parseAndValidate) {
		ExecutionInput withText = input.transform((builder) -> builder.query(text));
		withText.getGraphQLContext().put(ParserOptions.class, this.parserOptions);
		PreparsedDocumentEntry entry = parseAndValidate.apply(withText);
		if (ParseCancellations.cancelled(withText.getGraphQLContext())) {
			entry = new PreparsedDocumentEntry(overParserLimits());
		}
		return ParsedDocument.of(entry);
	}

	private GraphQLError overParserLimits() {
		return GraphQlErrors.ofRequest(ErrorCode.QUERY_TOO_COMPLEX,
				"The document is over the parser's limits (at most " + this.limits.maxCharacters() + " characters and "
						+ this.limits.maxTokens() + " tokens).",
				Map.of("limit", "document", "maxCharacters", this.limits.maxCharacters(), "maxTokens",
						this.limits.maxTokens()))
			.build();
	}

	private static GraphQLError tooComplex(QueryMeasure.Excess excess) {
		long measured = Math.min(Integer.MAX_VALUE, excess.measured());
		return GraphQlErrors.ofRequest(ErrorCode.QUERY_TOO_COMPLEX,
				"The operation is over the " + excess.limit() + " limit: " + measured + " where at most " + excess.max()
						+ " is allowed.",
				Map.of("limit", excess.limit(), "max", excess.max(), "measured", measured))
			.build();
	}

	/**
	 * What a measure depends on: the document, the operation, and the values of the variables that page sizes
	 * and {@code @include}/{@code @skip} take, so that most requests of one operation share one measure.
	 */
	private record MeasureKey(String text, @Nullable String operationName, List<@Nullable Object> values) {

		static MeasureKey of(String text, ExecutionInput input, ParsedDocument parsed) {
			List<@Nullable Object> values = new ArrayList<>(parsed.costVariables().size());
			for (String variable : parsed.costVariables()) {
				values.add(input.getVariables().get(variable));
			}
			return new MeasureKey(text, input.getOperationName(), values);
		}

	}

}
