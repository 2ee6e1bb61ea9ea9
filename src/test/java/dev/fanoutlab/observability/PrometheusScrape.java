package dev.fanoutlab.observability;

import java.util.List;

/**
 * The sample lines of one Prometheus text exposition, by metric family.
 */
record PrometheusScrape(List<String> lines) {

	/** Sample lines whose metric name is exactly {@code name}. */
	List<String> samples(String name) {
		return this.lines.stream()
			.filter((line) -> !line.startsWith("#"))
			.filter((line) -> line.startsWith(name + "{") || line.startsWith(name + " "))
			.toList();
	}

	/** The distinct label sets of {@code name}: one per series. */
	long seriesCount(String name) {
		return samples(name).stream().map((line) -> line.substring(0, line.lastIndexOf(' '))).distinct().count();
	}

}
