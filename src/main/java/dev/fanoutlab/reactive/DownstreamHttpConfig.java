package dev.fanoutlab.reactive;

import java.time.Duration;

import dev.fanoutlab.api.HttpConnectionRule;
import dev.fanoutlab.api.LabProperties;
import io.r2dbc.postgresql.PostgresqlConnectionFactoryProvider;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.boot.r2dbc.autoconfigure.ConnectionFactoryOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.ReactorResourceFactory;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The event loops and the one WebClient to the simulator. The application owns its
 * resources instead of Reactor Netty's JVM-wide ones: the server, the WebClient and R2DBC
 * share one event loop group sized to the cores, and closing this application disposes
 * only its own loops (apps started side by side in one JVM, as in the tests, stay
 * independent).
 */
@Configuration(proxyBeanMethods = false)
class DownstreamHttpConfig {

	/** One event loop per core: more loops than cores only adds hand-offs. */
	static final int EVENT_LOOP_THREADS = Runtime.getRuntime().availableProcessors();

	@Bean(destroyMethod = "dispose")
	LoopResources eventLoops() {
		return LoopResources.create("reactor-http", EVENT_LOOP_THREADS, true);
	}

	@Bean
	ReactorResourceFactory reactorResourceFactory(LoopResources eventLoops, LabProperties lab,
			AdmissionFilter admission) {
		ReactorResourceFactory resources = new ReactorResourceFactory();
		resources.setUseGlobalResources(false);
		resources.setLoopResources(eventLoops);
		HttpConnectionRule rule = HttpConnectionRule.of(lab, admission.limit());
		resources.setConnectionProviderSupplier(() -> downstreamConnections(rule, lab));
		return resources;
	}

	/** R2DBC on the server's loops, not on a second set of its own. */
	@Bean
	ConnectionFactoryOptionsBuilderCustomizer r2dbcOnServerLoops(LoopResources eventLoops) {
		return (options) -> options.option(PostgresqlConnectionFactoryProvider.LOOP_RESOURCES, eventLoops);
	}

	/**
	 * Sized by {@link HttpConnectionRule} (Reactor Netty's defaults, 2 x cores x 2
	 * connections, would be the bottleneck). Waiting acquires are bounded in number and
	 * in time, so that an overload is refused rather than queued without end; idle
	 * connections are closed in the background.
	 */
	private static ConnectionProvider downstreamConnections(HttpConnectionRule rule, LabProperties lab) {
		int max = rule.maxConnections();
		return ConnectionProvider.builder("downstream")
			.maxConnections(max)
			.pendingAcquireMaxCount(max)
			.pendingAcquireTimeout(lab.http().pendingAcquireTimeout())
			.maxIdleTime(Duration.ofSeconds(30))
			.evictInBackground(Duration.ofSeconds(30))
			// reactor.netty.connection.provider.* gauges: active, idle, pending
			.metrics(true)
			.build();
	}

	/** Built from Boot's builder, so that its codecs, observations and metrics apply. */
	@Bean
	WebClient downstreamWebClient(WebClient.Builder builder, ReactorResourceFactory resources, LabProperties lab) {
		HttpClientSettings settings = HttpClientSettings.defaults()
			.withTimeouts(lab.http().connectTimeout(), lab.downstream().timeout());
		return builder
			.clientConnector(ClientHttpConnectorBuilder.reactor()
				.withHttpClientFactory(
						() -> HttpClient.create(resources.getConnectionProvider()).runOn(resources.getLoopResources()))
				.build(settings))
			.baseUrl(lab.downstream().url())
			.build();
	}

}
