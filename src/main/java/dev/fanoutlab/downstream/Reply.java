package dev.fanoutlab.downstream;

import java.nio.charset.StandardCharsets;

/**
 * One answer of a simulated service, already serialised: status, media type, body bytes
 * and, for a 405, the {@code Allow} header.
 */
record Reply(int status, String contentType, byte[] body, String allow) {

	static final String JSON = "application/json";

	static final String PROBLEM_JSON = "application/problem+json";

	static Reply json(byte[] body) {
		return new Reply(200, JSON, body, null);
	}

	static Reply problem(int status, byte[] body) {
		return new Reply(status, PROBLEM_JSON, body, null);
	}

	Reply withAllow(String methods) {
		return new Reply(this.status, this.contentType, this.body, methods);
	}

	@Override
	public String toString() {
		return this.status + " " + new String(this.body, StandardCharsets.UTF_8);
	}

}
