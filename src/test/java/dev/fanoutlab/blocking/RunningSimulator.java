package dev.fanoutlab.blocking;

import dev.fanoutlab.support.Simulator;

/**
 * {@link Simulator} under the names {@code OverviewWithSimulatorTests} still uses; new
 * tests use {@link Simulator} itself.
 */
final class RunningSimulator implements AutoCloseable {

	private final Simulator simulator;

	private RunningSimulator(Simulator simulator) {
		this.simulator = simulator;
	}

	static RunningSimulator start() {
		return new RunningSimulator(Simulator.start("--management.server.port=-1"));
	}

	String url() {
		return this.simulator.url();
	}

	void preset(String preset) {
		this.simulator.preset(preset);
	}

	/** Merges settings of one service, e.g. {@code {"latencyMs":2000}}. */
	void service(String service, String settingsJson) {
		this.simulator.put("/admin/profile", "{\"services\":{\"" + service + "\":" + settingsJson + "}}");
	}

	void resetStats() {
		this.simulator.post("/admin/stats/reset", "");
	}

	/**
	 * {@code stat} of {@code service} ({@code total} for the sum), e.g. cancelled; a
	 * missing one fails.
	 */
	long stat(String service, String stat) {
		return "total".equals(service) ? this.simulator.total(stat) : this.simulator.service(service, stat);
	}

	@Override
	public void close() {
		this.simulator.close();
	}

}
