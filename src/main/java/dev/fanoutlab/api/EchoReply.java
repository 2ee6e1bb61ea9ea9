package dev.fanoutlab.api;

/** The simulator's {@code echo} body: deterministic for the key. */
public record EchoReply(String service, String key) {
}
