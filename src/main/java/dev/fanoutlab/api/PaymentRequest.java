package dev.fanoutlab.api;

/** What the stacks send to {@code POST /services/payments/{key}}. */
public record PaymentRequest(Long amountCents) {
}
