package dev.fanoutlab.downstream;

/**
 * How one service behaves: its latency, the extra uniform jitter in
 * {@code [0, jitterMs]}, and the share of calls that fail with {@code failStatus}.
 */
record ServiceSettings(long latencyMs, long jitterMs, double failRate, int failStatus) {

	static final int DEFAULT_FAIL_STATUS = 503;

	static ServiceSettings latency(long latencyMs) {
		return new ServiceSettings(latencyMs, 0, 0.0, DEFAULT_FAIL_STATUS);
	}

	/** These settings with every field the patch sets replaced. */
	ServiceSettings with(SettingsPatch patch) {
		return new ServiceSettings((patch.latencyMs() != null) ? patch.latencyMs() : this.latencyMs,
				(patch.jitterMs() != null) ? patch.jitterMs() : this.jitterMs,
				(patch.failRate() != null) ? patch.failRate() : this.failRate,
				(patch.failStatus() != null) ? patch.failStatus() : this.failStatus);
	}

}
