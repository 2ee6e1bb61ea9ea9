package dev.fanoutlab.api;

public record Customer(long id, String name, String email, String tier) {
}
