package dev.fanoutlab.blocking;

import dev.fanoutlab.api.CpuResult;
import dev.fanoutlab.api.InfoResponse.PoolInfo;

/**
 * Where {@code /api/cpu}'s hashing runs: on platform threads the request thread itself
 * (the OS time-slices it with the others); on virtual threads the {@code virtual}
 * package's bounded platform pool, off the carriers.
 */
public interface CpuRunner {

	CpuResult run(int rounds);

	PoolInfo threads();

}
