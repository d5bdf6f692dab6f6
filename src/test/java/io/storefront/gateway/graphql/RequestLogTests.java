package io.storefront.gateway.graphql;

import java.time.Duration;
import java.util.Map;

import io.storefront.gateway.DemoUsers;
import io.storefront.gateway.FromAddress;
import io.storefront.gateway.GatewayHttpTest;
import org.awaitility.Awaitility;
import org.awaitility.core.ThrowingRunnable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One log line per request, naming what ran (from the document when the request gives no operationName), who
 * asked and from where, and how it ended. The line is written from a queue, off the request's thread, so each
 * test waits for it.
 */
@GatewayHttpTest
@ExtendWith(OutputCaptureExtension.class)
class RequestLogTests {

	@LocalServerPort
	int port;

	@Test
	void aNamedOperationIsLoggedByItsNameWithoutAnOperationName(CapturedOutput log) {
		new FromAddress("127.0.0.31", this.port).post("query shelf { products(first: 1) { edges { cursor } } }",
				Map.of());

		eventually(() -> assertThat(log.getAll()).containsPattern(
				"graphql POST operation=shelf status=200 ms=\\d+ errors=\\[] user=anonymous client=127\\.0\\.0\\.31"));
	}

	@Test
	void anAnonymousOperationIsLoggedByItsRootFields(CapturedOutput log) {
		new FromAddress("127.0.0.32", this.port).post("{ product(id: \"695b7d900000000000000001\") { name } me { id } }",
				Map.of());

		eventually(() -> assertThat(log.getAll()).containsPattern(
				"operation=query\\{product,me} status=200 ms=\\d+ errors=\\[UNAUTHENTICATED] user=anonymous "
						+ "client=127\\.0\\.0\\.32"));
	}

	@Test
	void theSignedInUserIsLoggedByIdNeverByToken(CapturedOutput log) {
		String token = DemoUsers.DAVE.token(this.port);
		new FromAddress("127.0.0.33", this.port).post("query whoAmI { me { id } }", Map.of(),
				Map.of("Authorization", "Bearer " + token));

		eventually(() -> assertThat(log.getAll()).contains("operation=whoAmI status=200", "user=" + DemoUsers.DAVE.id())
			.doesNotContain(token));
	}

	private static void eventually(ThrowingRunnable assertion) {
		Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(assertion);
	}

}
