package dev.fanoutlab.reactive;

import dev.fanoutlab.api.LabProperties;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.ReactorResourceFactory;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The event loops and the one WebClient to the simulator. The application owns its
 * resources instead of Reactor Netty's JVM-wide ones: the server and the client share one
 * explicitly sized event loop group, and closing this application disposes only its own
 * loops (apps started side by side in one JVM, as in the tests, stay independent).
 */
@Configuration(proxyBeanMethods = false)
class DownstreamHttpConfig {

	/** Threads of the event loop group: Reactor Netty's default, max(cores, 4). */
	static final int EVENT_LOOP_THREADS = LoopResources.DEFAULT_IO_WORKER_COUNT;

	@Bean
	ReactorResourceFactory reactorResourceFactory(LabProperties lab) {
		ReactorResourceFactory resources = new ReactorResourceFactory();
		resources.setUseGlobalResources(false);
		resources.setLoopResourcesSupplier(() -> LoopResources.create("reactor-http", EVENT_LOOP_THREADS, true));
		resources.setConnectionProviderSupplier(() -> downstreamConnections(lab));
		return resources;
	}

	/**
	 * A fan-out of three calls per request needs a few connections per request in flight;
	 * Reactor Netty's defaults (2 x cores x 2 connections, 1000 waiting) would be the
	 * bottleneck.
	 */
	private static ConnectionProvider downstreamConnections(LabProperties lab) {
		return ConnectionProvider.builder("downstream")
			.maxConnections(lab.http().maxConnections())
			// -1: no cap on waiting acquires; pendingAcquireTimeout bounds their wait
			.pendingAcquireMaxCount(-1)
			.pendingAcquireTimeout(lab.http().pendingAcquireTimeout())
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
