package io.storefront.gateway.graphql;

import java.util.List;

import org.jspecify.annotations.Nullable;

import io.storefront.gateway.kernel.ClientAddress;

import org.springframework.security.web.util.matcher.IpAddressMatcher;

/**
 * Works out a request's {@link ClientAddress}. The connection's peer is the client, unless it is one of the
 * proxies the operator trusts ({@code storefront.graphql.trusted-proxies}); then {@code X-Forwarded-For} is read
 * from the right, skipping trusted proxies, and the first address no trusted proxy accounts for is the client.
 * Entries left of it were written by the client itself and are never believed. With no trusted proxies (the
 * default) the header is ignored, so nobody can pick their own address.
 */
final class ClientAddressResolver {

	private final List<IpAddressMatcher> trustedProxies;

	ClientAddressResolver(List<String> trustedProxies) {
		this.trustedProxies = trustedProxies.stream().map(IpAddressMatcher::new).toList();
	}

	ClientAddress resolve(@Nullable String peer, List<String> forwardedFor) {
		ClientAddress client = ClientAddress.of(peer);
		if (client == null) {
			return ClientAddress.UNKNOWN;
		}
		if (this.trustedProxies.isEmpty()) {
			return client;
		}
		List<String> hops = forwardedFor.stream().flatMap((header) -> List.of(header.split(",")).stream()).toList();
		for (int i = hops.size() - 1; i >= 0 && isTrusted(client); i--) {
			ClientAddress hop = ClientAddress.of(hops.get(i));
			if (hop == null) {
				// a hop that is not an address: the last trusted proxy's peer is all that is known
				break;
			}
			client = hop;
		}
		return client;
	}

	private boolean isTrusted(ClientAddress address) {
		return this.trustedProxies.stream().anyMatch((proxy) -> proxy.matches(address.address()));
	}

}
