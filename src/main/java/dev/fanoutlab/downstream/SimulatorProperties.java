package dev.fanoutlab.downstream;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code lab.simulator.*}: the preset at start-up ({@code LAB_SIMULATOR_PRESET}) and the
 * seed of the failure and jitter draws ({@code LAB_SIMULATOR_SEED}; none = a new sequence
 * on every start), and the server's accept backlog (capped by the kernel's
 * {@code net.core.somaxconn}) so that thousands of simultaneous connects are queued, not
 * refused. With an admin token ({@code LAB_SIMULATOR_ADMIN_TOKEN}), {@code /admin/**}
 * answers only requests with {@code Authorization: Bearer <token>}
 * ({@link AdminTokenFilter}).
 */
@ConfigurationProperties("lab.simulator")
record SimulatorProperties(@DefaultValue("fast") String preset, Long seed, @DefaultValue("8192") int acceptBacklog,
		String adminToken) {
}
