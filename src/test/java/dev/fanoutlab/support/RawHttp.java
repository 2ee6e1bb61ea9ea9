package dev.fanoutlab.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * Bytes on a socket, for requests no HTTP client will send: a bad request line, no
 * {@code Host}, {@code HTTP/9.9}, a header too long. Reads the answer until the server
 * closes the connection or has sent its declared body.
 */
public final class RawHttp {

	private RawHttp() {
	}

	/** The status line, headers and body the server answered to {@code request}. */
	public static Answer send(String baseUrl, String request) {
		URI uri = URI.create(baseUrl);
		try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
			socket.setSoTimeout(10_000);
			socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
			socket.getOutputStream().flush();
			return Answer.parse(readAnswer(socket.getInputStream()));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String readAnswer(InputStream in) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		byte[] buffer = new byte[8192];
		try {
			int n;
			while ((n = in.read(buffer)) != -1) {
				bytes.write(buffer, 0, n);
				if (Answer.complete(bytes.toString(StandardCharsets.ISO_8859_1))) {
					break;
				}
			}
		}
		catch (SocketTimeoutException | java.net.SocketException ex) {
			// what arrived is the answer
		}
		return bytes.toString(StandardCharsets.UTF_8);
	}

	/** One raw answer. */
	public record Answer(String statusLine, String headers, String body) {

		public int status() {
			String[] parts = this.statusLine.split(" ");
			return (parts.length > 1) ? Integer.parseInt(parts[1]) : -1;
		}

		public String header(String name) {
			for (String line : this.headers.split("\r\n")) {
				int colon = line.indexOf(':');
				if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
					return line.substring(colon + 1).trim();
				}
			}
			return null;
		}

		static boolean complete(String text) {
			int end = text.indexOf("\r\n\r\n");
			if (end < 0) {
				return false;
			}
			Answer head = parse(text);
			if ("chunked".equalsIgnoreCase(head.header("Transfer-Encoding"))) {
				return text.endsWith("0\r\n\r\n");
			}
			String length = head.header("Content-Length");
			return length != null && text.length() - end - 4 >= Integer.parseInt(length);
		}

		static Answer parse(String text) {
			int end = text.indexOf("\r\n\r\n");
			String head = (end < 0) ? text : text.substring(0, end);
			String body = (end < 0) ? "" : text.substring(end + 4);
			int firstLine = head.indexOf("\r\n");
			Answer answer = (firstLine < 0) ? new Answer(head, "", body)
					: new Answer(head.substring(0, firstLine), head.substring(firstLine + 2), body);
			return "chunked".equalsIgnoreCase(answer.header("Transfer-Encoding"))
					? new Answer(answer.statusLine, answer.headers, dechunked(body)) : answer;
		}

		private static String dechunked(String body) {
			StringBuilder out = new StringBuilder();
			int at = 0;
			while (at < body.length()) {
				int lineEnd = body.indexOf("\r\n", at);
				if (lineEnd < 0) {
					break;
				}
				int size = Integer.parseInt(body.substring(at, lineEnd).trim(), 16);
				if (size == 0) {
					break;
				}
				out.append(body, lineEnd + 2, Math.min(body.length(), lineEnd + 2 + size));
				at = lineEnd + 2 + size + 2;
			}
			return out.toString();
		}

	}

}
