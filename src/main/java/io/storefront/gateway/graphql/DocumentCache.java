package io.storefront.gateway.graphql;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import graphql.ExecutionInput;
import graphql.ParseAndValidate;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.execution.preparsed.PreparsedDocumentProvider;
import graphql.language.Document;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import graphql.parser.ParserEnvironment;
import graphql.parser.ParserOptions;
import graphql.parser.exceptions.ParseCancelledException;
import graphql.parser.exceptions.ParseCancelledTooDeepException;
import graphql.parser.exceptions.ParseCancelledTooManyCharsException;
import graphql.validation.ValidationError;

import io.storefront.gateway.kernel.ErrorCode;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.graphql.execution.GraphQlSource;

/**
 * Parses each document once, within the configured parser limits, validates it, and keeps the result in a
 * bounded least-recently-used cache keyed by the document's text: a repeated operation costs neither parsing
 * nor validation. A document over the parser's limits is {@link ErrorCode#QUERY_TOO_COMPLEX}.
 */
final class DocumentCache implements PreparsedDocumentProvider {

	private final Map<String, PreparsedDocumentEntry> entries;

	private final ParserOptions parserOptions;

	private final ObjectProvider<GraphQlSource> graphQlSource;

	DocumentCache(int size, GatewayProperties.Limits limits, ObjectProvider<GraphQlSource> graphQlSource) {
		this.entries = new LinkedHashMap<>(16, 0.75f, true) {

			@Override
			protected boolean removeEldestEntry(Map.Entry<String, PreparsedDocumentEntry> eldest) {
				return size() > size;
			}

		};
		this.parserOptions = ParserOptions.getDefaultOperationParserOptions()
			.transform((options) -> options.maxCharacters(limits.maxCharacters()).maxTokens(limits.maxTokens()));
		this.graphQlSource = graphQlSource;
	}

	@Override
	public CompletableFuture<PreparsedDocumentEntry> getDocumentAsync(ExecutionInput input,
			Function<ExecutionInput, PreparsedDocumentEntry> parseAndValidate) {
		String query = input.getQuery();
		PreparsedDocumentEntry entry;
		synchronized (this.entries) {
			entry = this.entries.get(query);
		}
		if (entry == null) {
			entry = parseAndValidate(query, input);
			synchronized (this.entries) {
				this.entries.put(query, entry);
			}
		}
		return CompletableFuture.completedFuture(entry);
	}

	private PreparsedDocumentEntry parseAndValidate(String query, ExecutionInput input) {
		Document document;
		try {
			document = new Parser().parseDocument(
					ParserEnvironment.newParserEnvironment().document(query).parserOptions(this.parserOptions).build());
		}
		catch (ParseCancelledException | ParseCancelledTooManyCharsException | ParseCancelledTooDeepException ex) {
			return new PreparsedDocumentEntry(GraphQlErrors.of(ErrorCode.QUERY_TOO_COMPLEX,
					"The document is over the parser's limits (at most " + this.parserOptions.getMaxCharacters()
							+ " characters and " + this.parserOptions.getMaxTokens() + " tokens).",
					Map.of("limit", "document", "maxCharacters", this.parserOptions.getMaxCharacters(), "maxTokens",
							this.parserOptions.getMaxTokens()))
				.build());
		}
		catch (InvalidSyntaxException ex) {
			return new PreparsedDocumentEntry(ex.toInvalidSyntaxError());
		}
		List<ValidationError> errors = ParseAndValidate.validate(this.graphQlSource.getObject().schema(), document,
				input.getLocale());
		return errors.isEmpty() ? new PreparsedDocumentEntry(document) : new PreparsedDocumentEntry(document, errors);
	}

}
