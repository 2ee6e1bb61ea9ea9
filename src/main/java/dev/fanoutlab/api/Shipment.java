package dev.fanoutlab.api;

public record Shipment(long orderId, String carrier, String status, String eta) {
}
