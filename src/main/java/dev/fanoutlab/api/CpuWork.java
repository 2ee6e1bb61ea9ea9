package dev.fanoutlab.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The CPU-bound work of {@code GET /api/cpu}: SHA-256 of the UTF-8 bytes
 * {@code fanout-lab}, then of each digest in turn; {@code rounds} hashes in all.
 */
public final class CpuWork {

	static final byte[] SEED = "fanout-lab".getBytes(StandardCharsets.UTF_8);

	private CpuWork() {
	}

	public static String sha256Chain(int rounds) {
		MessageDigest sha256 = sha256();
		byte[] digest = SEED;
		for (int i = 0; i < rounds; i++) {
			digest = sha256.digest(digest);
		}
		return HexFormat.of().formatHex(digest);
	}

	static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("every JDK has SHA-256", ex);
		}
	}

}
