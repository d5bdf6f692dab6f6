package io.storefront.gateway.graphql;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.storefront.gateway.kernel.ClientAddress;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Client addresses are read from IP literals only (a host name is never looked up), in one canonical form, and
 * from X-Forwarded-For only as far as trusted proxies vouch for it.
 */
class ClientAddressTests {

	@ParameterizedTest
	@CsvSource({ "203.0.113.7, 203.0.113.7", "203.0.113.7:8443, 203.0.113.7", "'[2001:db8::1]:443', 2001:db8:0:0:0:0:0:1",
			"2001:DB8::1, 2001:db8:0:0:0:0:0:1", "::ffff:198.51.100.2, 198.51.100.2", "' 10.0.0.1 ', 10.0.0.1" })
	void literalsAreReadInOneForm(String text, String address) {
		assertThat(ClientAddress.of(text)).isEqualTo(new ClientAddress(address));
	}

	@ParameterizedTest
	@ValueSource(strings = { "dead.beef", "cafe.de", "localhost", "256.1.1.1", "1.2.3", "1.2.3.4.5", "fe80::1%eth0",
			"[dead.beef]", "unknown", "", "::g" })
	void anythingButALiteralIsNoAddress(String text) {
		assertThat(ClientAddress.of(text)).isNull();
	}

	@Test
	void ipv6IsCountedPerSlash64() {
		assertThat(ClientAddress.of("2001:db8:1:2:aaaa::1").bucket())
			.isEqualTo(ClientAddress.of("2001:db8:1:2:ffff::9").bucket())
			.isEqualTo("2001:db8:1:2:0:0:0:0/64");
		assertThat(ClientAddress.of("198.51.100.2").bucket()).isEqualTo("198.51.100.2");
	}

	@Test
	void withoutTrustedProxiesTheHeaderIsIgnored() {
		ClientAddressResolver resolver = new ClientAddressResolver(List.of());

		assertThat(resolver.resolve("10.0.0.5", List.of("203.0.113.7"))).isEqualTo(new ClientAddress("10.0.0.5"));
	}

	@Test
	void theHeaderIsReadFromTheRightAsFarAsTrustedProxiesVouch() {
		ClientAddressResolver resolver = new ClientAddressResolver(List.of("10.0.0.0/8"));

		assertThat(resolver.resolve("10.0.0.5", List.of("198.51.100.4, 203.0.113.7")))
			.isEqualTo(new ClientAddress("203.0.113.7"));
		assertThat(resolver.resolve("10.0.0.5", List.of("198.51.100.4", "203.0.113.7, 10.1.1.1")))
			.isEqualTo(new ClientAddress("203.0.113.7"));
		assertThat(resolver.resolve("203.0.113.9", List.of("198.51.100.4"))).isEqualTo(new ClientAddress("203.0.113.9"));
		assertThat(resolver.resolve("10.0.0.5", List.of("dead.beef"))).isEqualTo(new ClientAddress("10.0.0.5"));
		assertThat(resolver.resolve("10.0.0.5", List.of())).isEqualTo(new ClientAddress("10.0.0.5"));
		assertThat(resolver.resolve(null, List.of("203.0.113.7"))).isEqualTo(ClientAddress.UNKNOWN);
	}

}
