package dev.fanoutlab.api;

import java.time.Instant;

/** One order as the overview lists it. */
public record OrderSummary(long id, long totalCents, String status, Instant createdAt) {
}
