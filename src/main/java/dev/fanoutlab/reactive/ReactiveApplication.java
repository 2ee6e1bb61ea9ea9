package dev.fanoutlab.reactive;

import dev.fanoutlab.api.AllocatedBytesMetrics;
import dev.fanoutlab.api.LabProperties;
import dev.fanoutlab.api.OverviewMeters;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.tomcat.autoconfigure.metrics.TomcatMetricsAutoConfiguration;
import org.springframework.boot.tomcat.autoconfigure.reactive.TomcatReactiveWebServerAutoConfiguration;
import org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * The {@code reactive} role: WebFlux on Reactor Netty, WebClient, R2DBC. No DataSource
 * and no Tomcat, although both are on the classpath of the one jar.
 */
@SpringBootApplication(exclude = { DataSourceAutoConfiguration.class, TomcatReactiveWebServerAutoConfiguration.class,
		TomcatServletWebServerAutoConfiguration.class, TomcatMetricsAutoConfiguration.class })
@EnableConfigurationProperties(LabProperties.class)
public class ReactiveApplication {

	public static void run(String[] args) {
		builder().run(args);
	}

	/**
	 * The overview's meters, shared with the other stacks (see {@link OverviewMeters}).
	 */
	@Bean
	OverviewMeters overviewMeters(MeterRegistry registry) {
		return new OverviewMeters(registry);
	}

	/**
	 * Allocation per request, for the bench scripts (see {@link AllocatedBytesMetrics}).
	 */
	@Bean
	AllocatedBytesMetrics allocatedBytesMetrics() {
		return new AllocatedBytesMetrics();
	}

	public static SpringApplicationBuilder builder() {
		return new SpringApplicationBuilder(ReactiveApplication.class).profiles("reactive")
			.web(WebApplicationType.REACTIVE);
	}

}
