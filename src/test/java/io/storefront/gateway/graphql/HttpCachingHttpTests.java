package io.storefront.gateway.graphql;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import io.storefront.gateway.DemoUsers;
import io.storefront.gateway.GatewayClient;
import io.storefront.gateway.GatewayHttpTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * HTTP caching as a CDN and a browser see it: the anonymous public catalog over GET is
 * {@code public, max-age=N} with an ETag and a 304 for a client that holds it; anything personal (a token, a
 * field a rule guards) is {@code private, no-store}; POSTs and errors are never cached.
 */
@GatewayHttpTest
class HttpCachingHttpTests {

	static final String ESPRESSO = "695b7d900000000000000001";

	@LocalServerPort
	int port;

	@Autowired
	MongoOperations mongo;

	@Test
	void theAnonymousCatalogOverGetIsPublicForTheSmallestHintItTouches() {
		EntityExchangeResult<byte[]> page = get("productsPage", Map.of("first", 5), null, null);

		assertThat(page.getStatus()).isEqualTo(HttpStatus.OK);
		HttpHeaders headers = page.getResponseHeaders();
		// products is hinted 30 s and Product 60 s: the page may be kept 30 s
		assertThat(headers.getCacheControl()).isEqualTo("public, max-age=30");
		assertThat(headers.getETag()).matches("\"[A-Za-z0-9_-]{22}\"");
		assertThat(headers.getVary()).containsExactly("Accept", "Authorization");
		assertThat(headers.get("Pragma")).isNull();
		assertThat(new String(page.getResponseBody(), StandardCharsets.UTF_8)).contains("\"edges\"")
			.doesNotContain("errors");

		// one product is hinted 60 s on the field and on its type
		assertThat(get("productPage", Map.of("id", ESPRESSO), null, null).getResponseHeaders().getCacheControl())
			.isEqualTo("public, max-age=60");
	}

	@Test
	void aClientHoldingTheAnswerGetsNotModifiedAndANewAnswerAfterAChange() {
		EntityExchangeResult<byte[]> first = get("productPage", Map.of("id", ESPRESSO), null, null);
		String etag = first.getResponseHeaders().getETag();

		EntityExchangeResult<byte[]> again = get("productPage", Map.of("id", ESPRESSO), null, etag);
		assertThat(again.getStatus()).isEqualTo(HttpStatus.NOT_MODIFIED);
		assertThat(again.getResponseBody()).isNullOrEmpty();
		assertThat(again.getResponseHeaders().getETag()).isEqualTo(etag);
		assertThat(again.getResponseHeaders().getCacheControl()).isEqualTo("public, max-age=60");
		assertThat(again.getResponseHeaders().getVary()).containsExactly("Accept", "Authorization");
		// weak comparison, and a list of tags
		assertThat(get("productPage", Map.of("id", ESPRESSO), null, "\"other\", W/" + etag).getStatus())
			.isEqualTo(HttpStatus.NOT_MODIFIED);

		Object name = this.mongo.findById(new org.bson.types.ObjectId(ESPRESSO), org.bson.Document.class, "products")
			.get("name");
		try {
			this.mongo.updateFirst(Query.query(Criteria.where("_id").is(new org.bson.types.ObjectId(ESPRESSO))),
					Update.update("name", "Espresso Beans, new roast"), "products");
			EntityExchangeResult<byte[]> changed = get("productPage", Map.of("id", ESPRESSO), null, etag);
			assertThat(changed.getStatus()).isEqualTo(HttpStatus.OK);
			assertThat(changed.getResponseHeaders().getETag()).isNotEqualTo(etag);
			assertThat(new String(changed.getResponseBody(), StandardCharsets.UTF_8)).contains("new roast");
		}
		finally {
			this.mongo.updateFirst(Query.query(Criteria.where("_id").is(new org.bson.types.ObjectId(ESPRESSO))),
					Update.update("name", name), "products");
		}
	}

	@Test
	void aRequestWithATokenIsPrivateEvenForPublicFields() {
		EntityExchangeResult<byte[]> page = get("productsPage", Map.of("first", 5), DemoUsers.CAROL.token(this.port),
				null);

		assertThat(page.getStatus()).isEqualTo(HttpStatus.OK);
		assertThat(page.getResponseHeaders().getCacheControl()).isEqualTo("private, no-store");
		assertThat(page.getResponseHeaders().getETag()).isNull();
		assertThat(page.getResponseHeaders().getVary()).containsExactly("Accept", "Authorization");
	}

	@Test
	void aFieldARuleGuardsMakesTheAnswerPrivateForStaffAndStrangersAlike() {
		EntityExchangeResult<byte[]> staff = get("productStock", Map.of("id", ESPRESSO),
				DemoUsers.SUPPORT.token(this.port), null);
		assertThat(new String(staff.getResponseBody(), StandardCharsets.UTF_8)).contains("\"stock\":")
			.doesNotContain("errors");
		assertThat(staff.getResponseHeaders().getCacheControl()).isEqualTo("private, no-store");

		EntityExchangeResult<byte[]> stranger = get("productStock", Map.of("id", ESPRESSO), null, null);
		assertThat(new String(stranger.getResponseBody(), StandardCharsets.UTF_8)).contains("UNAUTHENTICATED");
		assertThat(stranger.getResponseHeaders().getCacheControl()).isEqualTo("private, no-store");
		assertThat(stranger.getResponseHeaders().getETag()).isNull();
	}

	@Test
	void aPostIsNeverCached() {
		EntityExchangeResult<byte[]> page = GatewayClient.http(this.port)
			.post()
			.uri("/graphql")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("query", GatewayClient.operation("productsPage"), "variables", Map.of("first", 5)))
			.exchange()
			.expectBody()
			.returnResult();

		assertThat(page.getStatus()).isEqualTo(HttpStatus.OK);
		assertThat(page.getResponseHeaders().getCacheControl()).isEqualTo("no-store");
		assertThat(page.getResponseHeaders().getETag()).isNull();
	}

	@Test
	void errorsAreNeverCachedNorAnsweredNotModified() {
		// over the page limit: an error where the data would be
		EntityExchangeResult<byte[]> tooBig = get("productsPage", Map.of("first", 1000), null, "*");

		assertThat(tooBig.getStatus()).isEqualTo(HttpStatus.OK);
		assertThat(new String(tooBig.getResponseBody(), StandardCharsets.UTF_8)).contains("BAD_USER_INPUT");
		assertThat(tooBig.getResponseHeaders().getCacheControl()).isEqualTo("no-store");
		assertThat(tooBig.getResponseHeaders().getETag()).isNull();

		// a request error: nothing was executed
		EntityExchangeResult<byte[]> unknownField = GatewayClient.http(this.port)
			.get()
			.uri((uri) -> uri.path("/graphql").queryParam("query", "{q}").build("{ nothing }"))
			.header(HttpHeaders.IF_NONE_MATCH, "*")
			.exchange()
			.expectBody()
			.returnResult();
		assertThat(new String(unknownField.getResponseBody(), StandardCharsets.UTF_8)).contains("FieldUndefined")
			.doesNotContain("\"data\"");
		assertThat(unknownField.getResponseHeaders().getCacheControl()).isEqualTo("no-store");
		assertThat(unknownField.getResponseHeaders().getETag()).isNull();
	}

	private EntityExchangeResult<byte[]> get(String operation, Map<String, Object> variables, String token,
			String ifNoneMatch) {
		String json = JsonMapper.builder().build().writeValueAsString(variables);
		WebTestClient.RequestHeadersSpec<?> request = GatewayClient.http(this.port)
			.get()
			.uri((uri) -> uri.path("/graphql")
				.queryParam("query", "{query}")
				.queryParam("variables", "{variables}")
				.build(GatewayClient.operation(operation), json));
		if (token != null) {
			request = request.header(HttpHeaders.AUTHORIZATION, "Bearer " + token);
		}
		if (ifNoneMatch != null) {
			request = request.header(HttpHeaders.IF_NONE_MATCH, ifNoneMatch);
		}
		return request.exchange().expectBody().returnResult();
	}

}
