package dev.fanoutlab.api;

import java.util.List;

/** The simulator's {@code recommendations} body. */
public record RecommendationsReply(String key, List<Recommendation> items) {
}
