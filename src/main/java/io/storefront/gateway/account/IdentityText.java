package io.storefront.gateway.account;

import java.lang.Character.UnicodeScript;
import java.text.Normalizer;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The text that names a person: emails, display names and passwords, checked so that one identity cannot pass
 * for another. Emails are compared in one form only (Unicode NFKC, trimmed, lower case), so {@code ＣＡＲＯＬ@…}
 * is Carol's address; characters that cannot be seen or that reorder text are refused everywhere; and an email
 * may not mix scripts within a part, as {@code cаrol@…} with a Cyrillic {@code а} would.
 */
final class IdentityText {

	static final int MAX_EMAIL = 254;

	static final int MAX_NAME = 100;

	static final int MIN_PASSWORD = 8;

	static final int MAX_PASSWORD = 128;

	private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+");

	// Letters and marks that render as nothing although Unicode does not class them as format characters.
	private static final Set<Integer> BLANK_LOOKING = Set.of(0x115F, 0x1160, 0x3164, 0xFFA0, 0x2800, 0x034F, 0x17B4,
			0x17B5, 0x180E);

	// Scripts that are written together (Unicode TS #39, "highly restrictive"); any one script alone is fine.
	private static final List<Set<UnicodeScript>> SCRIPT_MIXES = List.of(
			EnumSet.of(UnicodeScript.LATIN, UnicodeScript.HAN, UnicodeScript.HIRAGANA, UnicodeScript.KATAKANA),
			EnumSet.of(UnicodeScript.LATIN, UnicodeScript.HAN, UnicodeScript.BOPOMOFO),
			EnumSet.of(UnicodeScript.LATIN, UnicodeScript.HAN, UnicodeScript.HANGUL));

	private IdentityText() {
	}

	/** The one form an email is stored and compared in, or null when it is not an acceptable address. */
	static @Nullable String email(String raw) {
		if (raw.length() > 4 * MAX_EMAIL || hasInvisible(raw)) {
			return null;
		}
		String folded = nfkc(nfkc(raw).strip().toLowerCase(Locale.ROOT));
		if (folded.length() > MAX_EMAIL || hasInvisible(folded) || !EMAIL.matcher(folded).matches()) {
			return null;
		}
		int at = folded.indexOf('@');
		if (!singleScript(folded.substring(0, at)) || !singleScript(folded.substring(at + 1))) {
			return null;
		}
		return folded;
	}

	/**
	 * A display name as stored (canonically composed, without blanks around it), or null when it is too long,
	 * hides text, or has no letter or digit at all (only blanks or marks would show as nothing).
	 */
	static @Nullable String name(String raw) {
		String name = stripBlanks(Normalizer.normalize(raw, Normalizer.Form.NFC));
		if (name.length() > MAX_NAME || hasInvisible(name) || name.codePoints().noneMatch(Character::isLetterOrDigit)) {
			return null;
		}
		return name;
	}

	// strip() knows only Java's whitespace; a no-break or ideographic space around a name is a blank too
	private static String stripBlanks(String text) {
		int start = 0;
		int end = text.length();
		while (start < end && blank(text.codePointAt(start))) {
			start += Character.charCount(text.codePointAt(start));
		}
		while (end > start && blank(text.codePointBefore(end))) {
			end -= Character.charCount(text.codePointBefore(end));
		}
		return text.substring(start, end);
	}

	private static boolean blank(int c) {
		return Character.isWhitespace(c) || Character.isSpaceChar(c);
	}

	/** Whether a new password may be used: of a sensible length, and more than blanks. */
	static boolean acceptablePassword(String password) {
		if (password.length() < MIN_PASSWORD || password.length() > MAX_PASSWORD) {
			return false;
		}
		return password.codePoints().anyMatch((c) -> !blank(c) && !invisible(c));
	}

	private static boolean hasInvisible(String text) {
		return text.codePoints().anyMatch(IdentityText::invisible);
	}

	/** Control, format (zero-width, bidirectional overrides and marks, tags), unassigned or private characters. */
	private static boolean invisible(int c) {
		return switch (Character.getType(c)) {
			case Character.CONTROL, Character.FORMAT, Character.PRIVATE_USE, Character.SURROGATE,
					Character.UNASSIGNED, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR -> true;
			default -> BLANK_LOOKING.contains(c) || (c >= 0xFE00 && c <= 0xFE0F) || (c >= 0xE0100 && c <= 0xE01EF);
		};
	}

	private static boolean singleScript(String part) {
		Set<UnicodeScript> scripts = EnumSet.noneOf(UnicodeScript.class);
		part.codePoints().mapToObj(UnicodeScript::of)
			.filter((script) -> script != UnicodeScript.COMMON && script != UnicodeScript.INHERITED)
			.forEach(scripts::add);
		return scripts.size() <= 1 || SCRIPT_MIXES.stream().anyMatch((mix) -> mix.containsAll(scripts));
	}

	private static String nfkc(String text) {
		return Normalizer.normalize(text, Normalizer.Form.NFKC);
	}

}
