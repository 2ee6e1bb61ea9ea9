package dev.fanoutlab.reactive;

import dev.fanoutlab.api.LabProperties;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The one WebClient to the simulator, on a connection pool sized explicitly: a fan-out of
 * three calls per request needs a few connections per request in flight, and Reactor
 * Netty's defaults (2 x cores x 2 connections, 1000 waiting) would be the bottleneck.
 */
@Configuration(proxyBeanMethods = false)
class DownstreamHttpConfig {

	@Bean(destroyMethod = "disposeLater")
	ConnectionProvider downstreamConnections(LabProperties lab) {
		return ConnectionProvider.builder("downstream")
			.maxConnections(lab.http().maxConnections())
			// -1: no cap on waiting acquires; pendingAcquireTimeout bounds how long they
			// wait
			.pendingAcquireMaxCount(-1)
			.pendingAcquireTimeout(lab.http().pendingAcquireTimeout())
			// reactor.netty.connection.provider.* gauges: active, idle, pending
			// connections
			.metrics(true)
			.build();
	}

	/** Built from Boot's builder, so that its codecs, observations and metrics apply. */
	@Bean
	WebClient downstreamWebClient(WebClient.Builder builder, ConnectionProvider downstreamConnections,
			LabProperties lab) {
		HttpClientSettings settings = HttpClientSettings.defaults()
			.withTimeouts(lab.http().connectTimeout(), lab.downstream().timeout());
		return builder
			.clientConnector(ClientHttpConnectorBuilder.reactor()
				.withHttpClientFactory(() -> HttpClient.create(downstreamConnections))
				.build(settings))
			.baseUrl(lab.downstream().url())
			.build();
	}

}
