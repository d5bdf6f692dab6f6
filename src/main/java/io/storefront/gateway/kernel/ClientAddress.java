package io.storefront.gateway.kernel;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Where a request came from, as far as the gateway can know it: the connection's peer, or what trusted proxies
 * say in {@code X-Forwarded-For}. Rate limits count per {@link #bucket()}: the address itself for IPv4, and its
 * /64 network for IPv6, the smallest block a subscriber is given, so that nobody gets a fresh budget for every
 * address of their own /64 (one given a /56 or /48 still has many buckets).
 * Controllers receive it as {@code @ContextValue ClientAddress clientAddress}.
 *
 * @param address the address in its canonical text form
 */
public record ClientAddress(String address) {

	/** The GraphQL context key under which each request's client address is kept. */
	public static final String CONTEXT_KEY = "clientAddress";

	/** Stands in when nothing better is known, so that every such request shares one budget. */
	public static final ClientAddress UNKNOWN = new ClientAddress("unknown");

	private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

	private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{0,45}:[0-9A-Fa-f:.]{0,45}");

	/** What rate limits count this address as. */
	public String bucket() {
		InetAddress parsed = parse(this.address);
		if (parsed instanceof Inet6Address) {
			byte[] network = Arrays.copyOf(parsed.getAddress(), 16);
			Arrays.fill(network, 8, 16, (byte) 0);
			return literal(network) + "/64";
		}
		return this.address;
	}

	/**
	 * The address of an IP literal such as {@code 203.0.113.7}, {@code [2001:db8::1]:443} or
	 * {@code 198.51.100.2:8080}, in canonical form; null for anything else, host names included (they are never
	 * looked up).
	 */
	public static @Nullable ClientAddress of(@Nullable String text) {
		if (text == null) {
			return null;
		}
		String literal = text.strip();
		if (literal.startsWith("[") && literal.indexOf(']') > 0) {
			literal = literal.substring(1, literal.indexOf(']'));
		}
		else if (literal.indexOf(':') > 0 && literal.indexOf(':') == literal.lastIndexOf(':')) {
			literal = literal.substring(0, literal.indexOf(':'));
		}
		InetAddress parsed = parse(literal);
		return (parsed != null) ? new ClientAddress(parsed.getHostAddress()) : null;
	}

	// Never InetAddress.getByName on text as it came: "dead.beef" would be looked up in DNS. Dotted quads are
	// read here; anything with a colon is handed over in brackets, which InetAddress parses as an IPv6 literal
	// or refuses, and never resolves.
	private static @Nullable InetAddress parse(String literal) {
		try {
			if (IPV4.matcher(literal).matches()) {
				String[] parts = literal.split("\\.");
				byte[] bytes = new byte[4];
				for (int i = 0; i < 4; i++) {
					int part = Integer.parseInt(parts[i]);
					if (part > 255) {
						return null;
					}
					bytes[i] = (byte) part;
				}
				return InetAddress.getByAddress(bytes);
			}
			if (IPV6.matcher(literal).matches()) {
				return InetAddress.getByName("[" + literal + "]");
			}
			return null;
		}
		catch (UnknownHostException ex) {
			return null;
		}
	}

	private static String literal(byte[] bytes) {
		try {
			return InetAddress.getByAddress(bytes).getHostAddress();
		}
		catch (UnknownHostException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
