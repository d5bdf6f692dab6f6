package io.storefront.gateway.graphql;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.storefront.gateway.graphql.GatewayProperties.PersistedQueries.Mode;
import io.storefront.gateway.kernel.ErrorCode;
import io.storefront.gateway.kernel.StorefrontException;

/**
 * Operations known by the SHA-256 of their text. In APQ mode (Apollo's automatic persisted queries) a client
 * sends the hash alone and, when told {@code PERSISTED_QUERY_NOT_FOUND}, the hash with the text, which is then
 * remembered (in a bounded cache). In SAFELIST mode only the operations of the manifest run, by hash or by
 * text; clients register nothing.
 */
final class PersistedOperations {

	private final Mode mode;

	private final Map<String, String> byHash;

	private final int capacity;

	PersistedOperations(GatewayProperties.PersistedQueries settings, JsonMapper json) {
		this.mode = settings.mode();
		this.capacity = settings.cacheSize();
		this.byHash = new LinkedHashMap<>(16, 0.75f, true) {

			@Override
			protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
				return PersistedOperations.this.mode == Mode.APQ && size() > PersistedOperations.this.capacity;
			}

		};
		if (this.mode == Mode.SAFELIST) {
			if (settings.manifest() == null) {
				throw new IllegalStateException(
						"storefront.graphql.persisted-queries.mode=SAFELIST needs storefront.graphql.persisted-queries.manifest");
			}
			loadManifest(settings.manifest(), json);
		}
	}

	/**
	 * The request body with its operation text filled in from the hash, checked against this mode; a refusal
	 * is thrown as a {@link StorefrontException}.
	 */
	Map<String, Object> resolve(Map<String, Object> body) {
		String hash = sha256HashOf(body);
		Object query = body.get("query");
		if (hash == null) {
			if (this.mode == Mode.SAFELIST && query instanceof String text && !knows(sha256(text))) {
				throw new StorefrontException(ErrorCode.PERSISTED_QUERY_NOT_FOUND,
						"Only the operations of the safelist may run here.", null);
			}
			return body;
		}
		if (this.mode == Mode.OFF) {
			throw new StorefrontException(ErrorCode.PERSISTED_QUERY_NOT_FOUND, "Persisted queries are not enabled.",
					null);
		}
		if (query instanceof String text && !text.isEmpty()) {
			if (!sha256(text).equals(hash)) {
				throw new StorefrontException(ErrorCode.BAD_USER_INPUT,
						"The sha256Hash is not the hash of the query.", "extensions.persistedQuery.sha256Hash");
			}
			if (this.mode == Mode.SAFELIST && !knows(hash)) {
				throw new StorefrontException(ErrorCode.PERSISTED_QUERY_NOT_FOUND,
						"Only the operations of the safelist may run here.", null);
			}
			remember(hash, text);
			return body;
		}
		String known = lookUp(hash);
		if (known == null) {
			throw new StorefrontException(ErrorCode.PERSISTED_QUERY_NOT_FOUND, "PersistedQueryNotFound", null);
		}
		Map<String, Object> resolved = new LinkedHashMap<>(body);
		resolved.put("query", known);
		return resolved;
	}

	/** The text of a known hash, if any, without registering anything. */
	@Nullable String lookUp(String hash) {
		synchronized (this.byHash) {
			return this.byHash.get(hash);
		}
	}

	private boolean knows(String hash) {
		return lookUp(hash) != null;
	}

	private void remember(String hash, String text) {
		if (this.mode == Mode.APQ) {
			synchronized (this.byHash) {
				this.byHash.put(hash, text);
			}
		}
	}

	static @Nullable String sha256HashOf(Map<String, Object> body) {
		if (body.get("extensions") instanceof Map<?, ?> extensions
				&& extensions.get("persistedQuery") instanceof Map<?, ?> persisted) {
			if (!(persisted.get("sha256Hash") instanceof String hash) || !hash.matches("[0-9a-f]{64}")) {
				throw new StorefrontException(ErrorCode.BAD_USER_INPUT, "sha256Hash must be 64 lower-case hex digits.",
						"extensions.persistedQuery.sha256Hash");
			}
			return hash;
		}
		return null;
	}

	static String sha256(String text) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private void loadManifest(org.springframework.core.io.Resource manifest, JsonMapper json) {
		try (InputStream in = manifest.getInputStream()) {
			JsonNode root = json.readTree(in);
			for (JsonNode operation : root.path("operations")) {
				String body = operation.path("body").asString();
				String id = operation.path("id").asString();
				if (!sha256(body).equals(id)) {
					throw new IllegalStateException("Manifest " + manifest + ": the id of operation "
							+ operation.path("name").asString() + " is not the SHA-256 of its body");
				}
				this.byHash.put(id, body);
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot read the persisted query manifest " + manifest, ex);
		}
	}

}
