package dev.fanoutlab.downstream;

import java.util.concurrent.atomic.AtomicReference;

import org.springframework.stereotype.Component;

/** The active profile; every call reads it once, so a change applies to the next call. */
@Component
class ProfileStore {

	private final AtomicReference<SimulatorProfile> current;

	ProfileStore(SimulatorProperties properties) {
		this.current = new AtomicReference<>(SimulatorProfile.preset(properties.preset()));
	}

	SimulatorProfile current() {
		return this.current.get();
	}

	SimulatorProfile apply(ProfileUpdate update) {
		return this.current.updateAndGet(update::applyTo);
	}

}
