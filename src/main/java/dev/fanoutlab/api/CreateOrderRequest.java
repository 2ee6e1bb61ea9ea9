package dev.fanoutlab.api;

import java.util.List;

/** The body of {@code POST /api/customers/{id}/orders}. */
public record CreateOrderRequest(List<OrderItem> items) {
}
