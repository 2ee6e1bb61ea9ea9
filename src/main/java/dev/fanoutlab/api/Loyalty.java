package dev.fanoutlab.api;

public record Loyalty(long points, String level) {
}
