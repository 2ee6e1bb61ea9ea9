package dev.fanoutlab.api;

/**
 * One line of a new order. Boxed so that a missing field is told apart from zero.
 */
public record OrderItem(String sku, Integer quantity, Long priceCents) {
}
