package dev.fanoutlab.blocking;

import dev.fanoutlab.api.AllocatedBytesMetrics;
import dev.fanoutlab.api.LabProperties;
import dev.fanoutlab.api.OverviewMeters;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.r2dbc.autoconfigure.R2dbcAutoConfiguration;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * The {@code blocking} and {@code virtual} roles: Web MVC on Tomcat, RestClient, JDBC
 * with HikariCP. The same code; {@code virtual} only switches Spring Boot to virtual
 * threads. No R2DBC ConnectionFactory, although R2DBC is on the classpath.
 */
// no reactive HTTP client either: it would bring Reactor Netty's JVM-wide event loops
@SpringBootApplication(scanBasePackages = { "dev.fanoutlab.blocking", "dev.fanoutlab.virtual" },
		exclude = { R2dbcAutoConfiguration.class, ReactiveHttpClientAutoConfiguration.class,
				WebClientAutoConfiguration.class })
@EnableConfigurationProperties(LabProperties.class)
public class BlockingApplication {

	public static void run(boolean virtualThreads, String[] args) {
		builder(virtualThreads).run(args);
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

	public static SpringApplicationBuilder builder(boolean virtualThreads) {
		String[] profiles = virtualThreads ? new String[] { "blocking", "virtual" } : new String[] { "blocking" };
		return new SpringApplicationBuilder(BlockingApplication.class).profiles(profiles)
			.web(WebApplicationType.SERVLET);
	}

}
