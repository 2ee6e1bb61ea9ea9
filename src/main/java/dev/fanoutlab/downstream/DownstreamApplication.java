package dev.fanoutlab.downstream;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.r2dbc.autoconfigure.R2dbcAutoConfiguration;
import org.springframework.boot.tomcat.autoconfigure.reactive.TomcatReactiveWebServerAutoConfiguration;
import org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration;

/**
 * The {@code downstream} role: the simulator of slow services, on Reactor Netty with
 * timers. It has no database.
 */
@SpringBootApplication(
		exclude = { DataSourceAutoConfiguration.class, R2dbcAutoConfiguration.class, FlywayAutoConfiguration.class,
				TomcatReactiveWebServerAutoConfiguration.class, TomcatServletWebServerAutoConfiguration.class })
@EnableConfigurationProperties(SimulatorProperties.class)
public class DownstreamApplication {

	public static void run(String[] args) {
		builder().run(args);
	}

	public static SpringApplicationBuilder builder() {
		return new SpringApplicationBuilder(DownstreamApplication.class).profiles("downstream")
			.web(WebApplicationType.REACTIVE);
	}

}
