package io.storefront.gateway.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import io.storefront.gateway.contract.OperationChecker;

/**
 * Writes {@code docs/authorization.md}, the rule book read from the schema. {@code ./mvnw -Pdocs} runs it after
 * a schema change; {@link AuthorizationDocumentTests} fails while the committed one is stale.
 */
public final class AuthorizationDocument {

	static final Path COMMITTED = Path.of("docs/authorization.md");

	private AuthorizationDocument() {
	}

	public static void main(String[] args) throws IOException {
		Files.writeString(COMMITTED, RuleBookDocument.render(RuleBook.of(OperationChecker.shippedSchema())),
				StandardCharsets.UTF_8);
		System.out.println("wrote " + COMMITTED);
	}

}
