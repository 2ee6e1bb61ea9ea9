package dev.fanoutlab.reactive;

import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Reactor Netty's server meters ({@code reactor.netty.http.server.*}: connections, active
 * streams, data sent/received, response time) with bounded {@code uri} tags. Reactor
 * Netty registers them in Micrometer's global registry, which Spring Boot bridges to the
 * Prometheus registry.
 */
@Configuration(proxyBeanMethods = false)
class NettyServerMetricsConfiguration {

	@Bean
	NettyServerCustomizer nettyServerMetrics() {
		return (httpServer) -> httpServer.metrics(true, NettyMetrics.URI_MAPPER);
	}

}
