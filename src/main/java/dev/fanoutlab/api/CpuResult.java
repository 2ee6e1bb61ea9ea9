package dev.fanoutlab.api;

/** The answer of {@code GET /api/cpu}. */
public record CpuResult(int rounds, String digest, long elapsedMs) {
}
