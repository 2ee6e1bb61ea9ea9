package dev.fanoutlab.downstream;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The settings of every service, immutable: a change builds a new profile, so a call sees
 * either the old settings or the new ones, never half of each.
 */
record SimulatorProfile(String preset, Map<String, ServiceSettings> services) {

	static final String FAST = "fast";

	static final String SLOW = "slow";

	static final String CUSTOM = "custom";

	static final List<String> PRESETS = List.of(FAST, SLOW);

	private static final int SLOW_FACTOR = 5;

	SimulatorProfile {
		services = Collections.unmodifiableMap(new LinkedHashMap<>(services));
	}

	/** {@code fast} or {@code slow} (every latency x5); no jitter, no failures. */
	static SimulatorProfile preset(String name) {
		if (!PRESETS.contains(name)) {
			throw new IllegalArgumentException("Unknown preset '" + name + "'; use one of " + PRESETS);
		}
		int factor = name.equals(SLOW) ? SLOW_FACTOR : 1;
		Map<String, ServiceSettings> services = new LinkedHashMap<>();
		for (Service service : Service.values()) {
			services.put(service.id(), ServiceSettings.latency(service.fastLatencyMs() * factor));
		}
		return new SimulatorProfile(name, services);
	}

	ServiceSettings settings(Service service) {
		return this.services.get(service.id());
	}

	/** This profile with the given fields changed: a {@code custom} profile. */
	SimulatorProfile merge(Map<Service, SettingsPatch> patches) {
		Map<String, ServiceSettings> merged = new LinkedHashMap<>(this.services);
		patches.forEach((service, patch) -> merged.put(service.id(), settings(service).with(patch)));
		return new SimulatorProfile(CUSTOM, merged);
	}

}
