package dev.fanoutlab.downstream;

/** Some of a service's settings, already validated; {@code null} means "keep". */
record SettingsPatch(Long latencyMs, Long jitterMs, Double failRate, Integer failStatus) {

	static final SettingsPatch NONE = new SettingsPatch(null, null, null, null);

}
