package io.storefront.gateway.store;

/**
 * Client text made into a regular expression that matches it literally, for case-insensitive substring
 * search. Every ASCII punctuation character is escaped, which MongoDB's PCRE and Java's regex (used by the
 * embedded store) both read as the character itself; no client text can become a pattern.
 */
public final class LiteralRegex {

	private LiteralRegex() {
	}

	public static String of(String text) {
		StringBuilder pattern = new StringBuilder(text.length() * 2);
		text.codePoints().forEach((c) -> {
			if (c < 128 && !Character.isLetterOrDigit(c) && !Character.isWhitespace(c)) {
				pattern.append('\\');
			}
			pattern.appendCodePoint(c);
		});
		return pattern.toString();
	}

}
