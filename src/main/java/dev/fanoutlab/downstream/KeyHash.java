package dev.fanoutlab.downstream;

import java.nio.charset.StandardCharsets;

/**
 * A stream of numbers fixed by a text (FNV-1a, then SplitMix64): the same key gives the
 * same body on every run, every JVM and every machine; no clock, no {@code Random}.
 */
final class KeyHash {

	private long state;

	KeyHash(String text) {
		long hash = 0xcbf29ce484222325L;
		for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
			hash ^= (b & 0xff);
			hash *= 0x100000001b3L;
		}
		this.state = hash;
	}

	long nextLong() {
		this.state += 0x9e3779b97f4a7c15L;
		long z = this.state;
		z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
		z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
		return z ^ (z >>> 31);
	}

	/** A number in {@code [0, bound)}. */
	int nextInt(int bound) {
		return (int) Long.remainderUnsigned(nextLong(), bound);
	}

	<T> T pick(T[] choices) {
		return choices[nextInt(choices.length)];
	}

}
