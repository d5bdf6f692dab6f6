package io.storefront.gateway.graphql;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import io.storefront.gateway.graphql.GatewayProperties.PersistedQueries;
import io.storefront.gateway.graphql.GatewayProperties.PersistedQueries.Mode;
import io.storefront.gateway.kernel.ErrorCode;
import io.storefront.gateway.kernel.Sha256;
import io.storefront.gateway.kernel.StorefrontException;

import org.springframework.core.io.ByteArrayResource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Persisted operations in each mode, without a server: which text runs, and every refusal's code and field. */
class PersistedOperationsTests {

	static final String QUERY = "{ products { edges { node { id } } } }";

	static final String HASH = Sha256.hex(QUERY);

	final JsonMapper json = JsonMapper.builder().build();

	@Test
	void theHashIsSha256InLowerCaseHex() {
		assertThat(Sha256.hex("")).isEqualTo(
				"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	}

	@Test
	void apqRegistersAHashWithItsTextAndThenRunsTheHashAlone() {
		PersistedOperations apq = operations(Mode.APQ);

		assertRefused(() -> apq.textOf(null, persisted(HASH)), ErrorCode.PERSISTED_QUERY_NOT_FOUND, null);
		assertThat(apq.textOf(QUERY, persisted(HASH))).isEqualTo(QUERY);
		assertThat(apq.textOf(null, persisted(HASH))).isEqualTo(QUERY);
		assertThat(apq.textOf("", persisted(HASH))).as("Apollo's empty query").isEqualTo(QUERY);
		assertThat(apq.textOf("{ me { id } }", Map.of())).as("plain text needs no hash").isEqualTo("{ me { id } }");
	}

	@Test
	void aTextThatIsNotItsHashIsNotRegistered() {
		PersistedOperations apq = operations(Mode.APQ);

		assertRefused(() -> apq.textOf("{ me { id } }", persisted(HASH)), ErrorCode.BAD_USER_INPUT,
				"extensions.persistedQuery.sha256Hash");
		assertRefused(() -> apq.textOf(null, persisted(HASH)), ErrorCode.PERSISTED_QUERY_NOT_FOUND, null);
	}

	@Test
	void aMalformedHashIsBadInput() {
		PersistedOperations apq = operations(Mode.APQ);

		for (Object hash : new Object[] { HASH.toUpperCase(), HASH.substring(1), HASH + "0", 42, "" }) {
			assertRefused(() -> apq.textOf(QUERY, Map.of("persistedQuery", Map.of("version", 1, "sha256Hash", hash))),
					ErrorCode.BAD_USER_INPUT, "extensions.persistedQuery.sha256Hash");
		}
	}

	@Test
	void onlyVersionOneOfTheProtocolIsSpoken() {
		PersistedOperations apq = operations(Mode.APQ);

		for (Object version : new Object[] { 2, 0, "1", 1.0, true }) {
			assertRefused(() -> apq.textOf(QUERY, Map.of("persistedQuery", Map.of("version", version, "sha256Hash", HASH))),
					ErrorCode.BAD_USER_INPUT, "extensions.persistedQuery.version");
		}
		assertRefused(() -> apq.textOf(QUERY, Map.of("persistedQuery", Map.of("sha256Hash", HASH))),
				ErrorCode.BAD_USER_INPUT, "extensions.persistedQuery.version");
		// a refused version registers nothing
		assertRefused(() -> apq.textOf(null, persisted(HASH)), ErrorCode.PERSISTED_QUERY_NOT_FOUND, null);
	}

	@Test
	void offRefusesEveryHash() {
		PersistedOperations off = operations(Mode.OFF);

		assertRefused(() -> off.textOf(QUERY, persisted(HASH)), ErrorCode.PERSISTED_QUERY_NOT_FOUND, null);
		assertThat(off.textOf(QUERY, Map.of())).isEqualTo(QUERY);
	}

	@Test
	void aSafelistRunsItsOperationsByHashOrTextAndNothingElse() {
		PersistedOperations safelist = new PersistedOperations(new PersistedQueries(Mode.SAFELIST,
				manifest("{\"operations\":[{\"id\":\"" + HASH + "\",\"name\":\"P\",\"body\":\"" + QUERY + "\"}]}"),
				10), this.json, null);

		assertThat(safelist.textOf(null, persisted(HASH))).isEqualTo(QUERY);
		assertThat(safelist.textOf(QUERY, Map.of())).isEqualTo(QUERY);
		String other = "{ me { id } }";
		assertRefused(() -> safelist.textOf(other, Map.of()), ErrorCode.PERSISTED_QUERY_NOT_FOUND, null);
		assertRefused(() -> safelist.textOf(other, persisted(Sha256.hex(other))),
				ErrorCode.PERSISTED_QUERY_NOT_FOUND, null);
		assertRefused(() -> safelist.textOf(null, persisted(Sha256.hex(other))),
				ErrorCode.PERSISTED_QUERY_NOT_FOUND, null);
	}

	@Test
	void aManifestWhoseIdIsNotItsBodysHashRefusesToStart() {
		assertThatThrownBy(() -> new PersistedOperations(new PersistedQueries(Mode.SAFELIST,
				manifest("{\"operations\":[{\"id\":\"" + HASH + "\",\"name\":\"P\",\"body\":\"{ me { id } }\"}]}"), 10),
				this.json, null))
			.isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("operation P is not the SHA-256 of its body");
		assertThatThrownBy(() -> new PersistedOperations(new PersistedQueries(Mode.SAFELIST, null, 10), this.json, null))
			.hasMessageContaining("needs storefront.graphql.persisted-queries.manifest");
	}

	@Test
	void theApqCacheIsBounded() {
		PersistedOperations apq = new PersistedOperations(new PersistedQueries(Mode.APQ, null, 1), this.json, null);
		for (int i = 0; i < 200; i++) {
			String text = "{ product(id: " + i + ") { id } }";
			apq.textOf(text, persisted(Sha256.hex(text)));
		}
		int remembered = 0;
		for (int i = 0; i < 200; i++) {
			String text = "{ product(id: " + i + ") { id } }";
			try {
				apq.textOf(null, persisted(Sha256.hex(text)));
				remembered++;
			}
			catch (StorefrontException ex) {
				// evicted
			}
		}
		assertThat(remembered).isLessThan(200);
	}

	private PersistedOperations operations(Mode mode) {
		return new PersistedOperations(new PersistedQueries(mode, null, 10), this.json, null);
	}

	private static Map<String, Object> persisted(String hash) {
		return Map.of("persistedQuery", Map.of("version", 1, "sha256Hash", hash));
	}

	private static ByteArrayResource manifest(String json) {
		return new ByteArrayResource(json.getBytes(StandardCharsets.UTF_8));
	}

	private static void assertRefused(Runnable call, ErrorCode code, String field) {
		assertThatThrownBy(call::run).isInstanceOfSatisfying(StorefrontException.class, (ex) -> {
			assertThat(ex.code()).isEqualTo(code);
			assertThat(ex.field()).isEqualTo(field);
		});
	}

}
