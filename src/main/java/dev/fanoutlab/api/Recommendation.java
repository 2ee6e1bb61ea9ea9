package dev.fanoutlab.api;

public record Recommendation(String sku, String title, double score) {
}
