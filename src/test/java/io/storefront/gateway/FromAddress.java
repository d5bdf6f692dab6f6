package io.storefront.gateway;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * POSTs GraphQL to the gateway from a chosen loopback address (any of 127.0.0.0/8 on Linux), so that a test can
 * be several clients at once over real connections, without trusting any forwarded header. HTTP/1.0, so that the
 * answer is never chunked.
 */
public record FromAddress(String localAddress, int port) {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** An answer: its status, its headers (names in lower case) and its JSON body. */
	public record Answer(int status, Map<String, String> headers, JsonNode body) {

		/** The code of the first error, or null when there is none. */
		public String code() {
			JsonNode code = this.body.path("errors").path(0).path("extensions").path("code");
			return code.isMissingNode() ? null : code.asString();
		}

	}

	public Answer post(String query, Map<String, Object> variables, Map<String, String> headers) {
		byte[] body = JSON.writeValueAsBytes(Map.of("query", query, "variables", variables));
		StringBuilder head = new StringBuilder("POST /graphql HTTP/1.0\r\nHost: localhost:" + this.port
				+ "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n");
		headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
		head.append("\r\n");
		try (Socket socket = new Socket()) {
			socket.bind(new InetSocketAddress(this.localAddress, 0));
			socket.connect(new InetSocketAddress("127.0.0.1", this.port), 5000);
			socket.setSoTimeout(30_000);
			OutputStream out = socket.getOutputStream();
			out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
			out.write(body);
			out.flush();
			return parse(readAll(socket.getInputStream()));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public Answer post(String query, Map<String, Object> variables) {
		return post(query, variables, Map.of());
	}

	private static Answer parse(byte[] response) {
		String text = new String(response, StandardCharsets.UTF_8);
		int end = text.indexOf("\r\n\r\n");
		String[] lines = text.substring(0, end).split("\r\n");
		int status = Integer.parseInt(lines[0].split(" ")[1]);
		Map<String, String> headers = new LinkedHashMap<>();
		for (int i = 1; i < lines.length; i++) {
			int colon = lines[i].indexOf(':');
			headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
		}
		return new Answer(status, headers, JSON.readTree(text.substring(end + 4)));
	}

	private static byte[] readAll(InputStream in) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		in.transferTo(bytes);
		return bytes.toByteArray();
	}

}
