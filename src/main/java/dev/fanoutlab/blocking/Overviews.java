package dev.fanoutlab.blocking;

import dev.fanoutlab.api.CustomerOverview;
import dev.fanoutlab.api.InfoResponse.PoolInfo;

/**
 * The overview as the controller asks for it: on platform threads
 * {@link OverviewService}, on virtual threads the {@code virtual} package's own.
 */
public interface Overviews {

	/** The overview, every part bounded by the one deadline counted from the arrival. */
	CustomerOverview overview(long id, boolean withTrace, long arrivalNanos);

	/** The threads the overview's parts run on, as {@code /api/info} shows them. */
	PoolInfo threads();

}
