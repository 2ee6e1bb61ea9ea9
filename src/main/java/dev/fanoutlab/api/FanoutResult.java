package dev.fanoutlab.api;

import java.util.List;

/** The answer of {@code GET /api/fanout}: N calls to the simulator's echo service. */
public record FanoutResult(String mode, int calls, long latencyMs, long elapsedMs, List<EchoReply> results) {
}
