package io.storefront.gateway.graphql;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import graphql.execution.preparsed.persisted.PersistedQuerySupport;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.storefront.gateway.graphql.GatewayProperties.PersistedQueries.Mode;
import io.storefront.gateway.kernel.ErrorCode;
import io.storefront.gateway.kernel.Sha256;
import io.storefront.gateway.kernel.StorefrontException;

import org.springframework.core.io.Resource;

/**
 * Operations known by the SHA-256 of their text. In APQ mode (Apollo's automatic persisted queries) a client
 * sends the hash alone and, when told {@code PERSISTED_QUERY_NOT_FOUND}, the hash with the text, which is then
 * remembered: in a bounded cache, and, once it has parsed and validated, in the {@link SharedOperations} of every
 * gateway, which a gateway asks when its own cache lacks a hash. In SAFELIST mode only the operations of the manifest run, by hash or by
 * text; clients register nothing.
 */
final class PersistedOperations {

	private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

	private static final Duration ASK_SHARED_AGAIN_AFTER = Duration.ofDays(1);

	private final Mode mode;

	private final Cache<String, String> registered;

	private final Map<String, String> safelist = new HashMap<>();

	private final @Nullable SharedOperations shared;

	PersistedOperations(GatewayProperties.PersistedQueries settings, JsonMapper json,
			@Nullable SharedOperations shared) {
		this.mode = settings.mode();
		this.shared = shared;
		// a gateway asks the shared registry again at least daily, which marks the operation used there: one in use
		// is never forgotten however long this gateway has served it from its own cache
		this.registered = Caffeine.newBuilder()
			.maximumSize(settings.cacheSize())
			.expireAfterWrite(ASK_SHARED_AGAIN_AFTER)
			.build();
		if (this.mode == Mode.SAFELIST) {
			if (settings.manifest() == null) {
				throw new IllegalStateException(
						"storefront.graphql.persisted-queries.mode=SAFELIST needs storefront.graphql.persisted-queries.manifest");
			}
			loadManifest(settings.manifest(), json);
		}
	}

	/**
	 * The text of the operation to run, from the request's text or its {@code persistedQuery} hash, checked
	 * against this mode; a refusal is thrown as a {@link StorefrontException}.
	 */
	String textOf(@Nullable String requestText, Map<String, Object> extensions) {
		String hash = sha256HashOf(extensions);
		String text = (requestText == null || requestText.isEmpty()
				|| requestText.equals(PersistedQuerySupport.PERSISTED_QUERY_MARKER)) ? null : requestText;
		if (hash == null) {
			if (this.mode == Mode.SAFELIST && text != null && !this.safelist.containsKey(Sha256.hex(text))) {
				throw notFound("Only the operations of the safelist may run here.");
			}
			return (text != null) ? text : "";
		}
		if (this.mode == Mode.OFF) {
			throw notFound("Persisted queries are not enabled.");
		}
		if (text != null) {
			if (!Sha256.hex(text).equals(hash)) {
				throw new StorefrontException(ErrorCode.BAD_USER_INPUT, "The sha256Hash is not the hash of the query.",
						"extensions.persistedQuery.sha256Hash");
			}
			if (this.mode == Mode.SAFELIST && !this.safelist.containsKey(hash)) {
				throw notFound("Only the operations of the safelist may run here.");
			}
			if (this.mode == Mode.APQ) {
				this.registered.put(hash, text);
			}
			return text;
		}
		String known = (this.mode == Mode.SAFELIST) ? this.safelist.get(hash) : this.registered.getIfPresent(hash);
		if (known == null && this.mode == Mode.APQ && this.shared != null) {
			known = this.shared.find(hash);
			if (known != null) {
				this.registered.put(hash, known);
			}
		}
		if (known == null) {
			throw notFound("PersistedQueryNotFound");
		}
		return known;
	}

	/**
	 * Once a request that registers an operation (its text with its hash) has parsed and validated, shares it with
	 * every gateway; nothing that would not run is ever shared.
	 */
	void shareIfRegistering(@Nullable String requestText, Map<String, Object> extensions, String text) {
		if (this.mode != Mode.APQ || this.shared == null || requestText == null || !requestText.equals(text)) {
			return;
		}
		String hash = sha256HashOf(extensions);
		if (hash != null) {
			this.shared.register(hash, text);
		}
	}

	private static @Nullable String sha256HashOf(Map<String, Object> extensions) {
		if (extensions.get("persistedQuery") instanceof Map<?, ?> persisted) {
			// the only version of the protocol there is; Apollo Server refuses any other the same way
			if (!(persisted.get("version") instanceof Integer version && version == 1)) {
				throw new StorefrontException(ErrorCode.BAD_USER_INPUT,
						"Unsupported persisted query version: persistedQuery.version must be 1.",
						"extensions.persistedQuery.version");
			}
			if (!(persisted.get("sha256Hash") instanceof String hash) || !SHA256.matcher(hash).matches()) {
				throw new StorefrontException(ErrorCode.BAD_USER_INPUT, "sha256Hash must be 64 lower-case hex digits.",
						"extensions.persistedQuery.sha256Hash");
			}
			return hash;
		}
		return null;
	}

	private static StorefrontException notFound(String message) {
		return new StorefrontException(ErrorCode.PERSISTED_QUERY_NOT_FOUND, message, null);
	}

	private void loadManifest(Resource manifest, JsonMapper json) {
		try (InputStream in = manifest.getInputStream()) {
			JsonNode root = json.readTree(in);
			for (JsonNode operation : root.path("operations")) {
				String body = operation.path("body").asString();
				String id = operation.path("id").asString();
				if (!Sha256.hex(body).equals(id)) {
					throw new IllegalStateException("Manifest " + manifest + ": the id of operation "
							+ operation.path("name").asString() + " is not the SHA-256 of its body");
				}
				this.safelist.put(id, body);
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot read the persisted query manifest " + manifest, ex);
		}
	}

}
