package dev.fanoutlab.contract;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same keep-alive on every stack: one connection serves any number of requests
 * (Reactor Netty sets no limit; Tomcat's default closes a connection after 100, which
 * made the Tomcat stacks pay a reconnect every 100 requests under load). One request
 * after the other on one socket: none of the answers asks to close it.
 */
class KeepAliveContractTests extends ContractTestSupport {

	static final int REQUESTS = 150;

	private static final Pattern CONTENT_LENGTH = Pattern.compile("(?im)^content-length:\\s*(\\d+)");

	@EachStack
	void oneConnectionServesMoreThanAHundredRequests(String stack) throws IOException {
		URI uri = URI.create(url(stack, "/actuator/health"));
		byte[] request = ("GET /actuator/health HTTP/1.1\r\nHost: " + uri.getHost() + "\r\n\r\n")
			.getBytes(StandardCharsets.ISO_8859_1);
		try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
			socket.setSoTimeout(20_000);
			for (int i = 1; i <= REQUESTS; i++) {
				socket.getOutputStream().write(request);
				socket.getOutputStream().flush();
				String head = answerHead(socket.getInputStream());
				assertThat(head).as("answer %d", i).startsWith("HTTP/1.1 200");
				assertThat(head.toLowerCase(Locale.ROOT)).as("answer %d", i).doesNotContain("connection: close");
			}
		}
	}

	/** The status line and headers of one answer, its body read past. */
	private static String answerHead(InputStream in) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		while (!bytes.toString(StandardCharsets.ISO_8859_1).contains("\r\n\r\n")) {
			int b = in.read();
			if (b < 0) {
				return bytes.toString(StandardCharsets.ISO_8859_1) + " [connection closed]";
			}
			bytes.write(b);
		}
		String head = bytes.toString(StandardCharsets.ISO_8859_1);
		Matcher length = CONTENT_LENGTH.matcher(head);
		if (length.find()) {
			in.readNBytes(Integer.parseInt(length.group(1)));
		}
		else {
			skipChunks(in);
		}
		return head;
	}

	private static void skipChunks(InputStream in) throws IOException {
		while (true) {
			int size = Integer.parseInt(line(in).trim(), 16);
			if (size == 0) {
				line(in);
				return;
			}
			in.readNBytes(size);
			line(in);
		}
	}

	private static String line(InputStream in) throws IOException {
		StringBuilder line = new StringBuilder();
		int b;
		while ((b = in.read()) >= 0 && b != '\n') {
			line.append((char) b);
		}
		return line.toString();
	}

}
