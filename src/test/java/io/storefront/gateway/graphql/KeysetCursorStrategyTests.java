package io.storefront.gateway.graphql;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.storefront.gateway.kernel.ErrorCode;
import io.storefront.gateway.kernel.StorefrontException;

import org.springframework.data.domain.KeysetScrollPosition;
import org.springframework.data.domain.ScrollPosition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The cursor codec alone: what round-trips, and that nothing forged gets through as anything but bad input. */
class KeysetCursorStrategyTests {

	final KeysetCursorStrategy cursors = new KeysetCursorStrategy();

	@Test
	void aPositionRoundTripsWithItsTypes() {
		Map<String, Object> keys = new LinkedHashMap<>();
		keys.put("createdAt", Instant.parse("2026-11-29T12:00:00.123Z"));
		keys.put("price.amount", new BigDecimal("9.10"));
		keys.put("id", "665f1c2e8b3e4a0012345678");

		KeysetScrollPosition back = (KeysetScrollPosition) this.cursors
			.fromCursor(this.cursors.toCursor(ScrollPosition.forward(keys)));

		assertThat(back.scrollsForward()).isTrue();
		assertThat(back.getKeys()).isEqualTo(keys);
		assertThat(back.getKeys().get("price.amount")).asString().isEqualTo("9.10");
	}

	@Test
	void onePositionHasOneCursorWhateverTheOrderOfItsKeys() {
		Map<String, Object> ab = new LinkedHashMap<>();
		ab.put("a", "1");
		ab.put("b", "2");
		Map<String, Object> ba = new LinkedHashMap<>();
		ba.put("b", "2");
		ba.put("a", "1");

		assertThat(this.cursors.toCursor(ScrollPosition.forward(ab)))
			.isEqualTo(this.cursors.toCursor(ScrollPosition.forward(ba)))
			.doesNotContain("=", "+", "/");
	}

	@ParameterizedTest
	@ValueSource(strings = { "[]", "{}", "[[\"a\",\"s\"]]", "[[\"a\",\"x\",\"1\"]]", "[[\"$where\",\"s\",\"1\"]]",
			"[[\"a.$gt\",\"s\",\"1\"]]", "[[\"a\",\"s\",\"1\"],[\"a\",\"s\",\"2\"]]", "[[\"a\",\"s\",{\"$ne\":1}]]",
			"[[\"a\",\"d\",\"1e7000\"]]", "[[\"a\",\"d\",\"NaN\"]]", "[[\"a\",\"t\",\"+1000000000-01-01T00:00:00Z\"]]",
			"[[\"a\",\"t\",\"yesterday\"]]",
			"[[\"a\",\"s\",\"1\"],[\"b\",\"s\",\"1\"],[\"c\",\"s\",\"1\"],[\"d\",\"s\",\"1\"],[\"e\",\"s\",\"1\"]]",
			"not json" })
	void aForgedCursorIsBadInputOnAfter(String json) {
		String cursor = Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));

		assertBadInput(cursor);
	}

	@Test
	void emptyOverlongAndNonBase64CursorsAreBadInput() {
		assertBadInput("");
		assertBadInput("A".repeat(2049));
		assertBadInput("not base64 at all!");
	}

	@Test
	void onlyForwardKeysetPositionsAreEncoded() {
		assertThatThrownBy(() -> this.cursors.toCursor(ScrollPosition.offset(3)))
			.isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> this.cursors.toCursor(ScrollPosition.backward(Map.of("a", "1"))))
			.isInstanceOf(IllegalArgumentException.class);
	}

	private void assertBadInput(String cursor) {
		assertThatThrownBy(() -> this.cursors.fromCursor(cursor)).isInstanceOfSatisfying(StorefrontException.class,
				(ex) -> {
					assertThat(ex.code()).isEqualTo(ErrorCode.BAD_USER_INPUT);
					assertThat(ex.field()).isEqualTo("after");
				});
	}

}
