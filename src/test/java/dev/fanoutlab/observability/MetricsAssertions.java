package dev.fanoutlab.observability;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every dashboard query relies on: the family exists and each of its series carries
 * the role's {@code stack} and {@code application} tags.
 */
final class MetricsAssertions {

	private MetricsAssertions() {
	}

	static void assertExposed(PrometheusScrape scrape, String stack, String... families) {
		for (String family : families) {
			assertThat(scrape.samples(family)).as(family).isNotEmpty().allSatisfy((sample) -> {
				assertThat(sample).contains("stack=\"" + stack + "\"");
				assertThat(sample).contains("application=\"fanout-lab-" + stack + "\"");
			});
		}
	}

}
