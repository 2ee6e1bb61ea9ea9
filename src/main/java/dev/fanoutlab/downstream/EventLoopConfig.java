package dev.fanoutlab.downstream;

import reactor.netty.resources.LoopResources;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.ReactorResourceFactory;

/**
 * The simulator's own event loops instead of Reactor Netty's JVM-wide ones: closing it
 * disposes only its loops, so apps started side by side in one JVM stay independent. One
 * loop per core: its waits are timers on these loops, so more loops only add switches.
 */
@Configuration(proxyBeanMethods = false)
class EventLoopConfig {

	@Bean
	ReactorResourceFactory reactorResourceFactory() {
		ReactorResourceFactory resources = new ReactorResourceFactory();
		resources.setUseGlobalResources(false);
		resources.setLoopResourcesSupplier(
				() -> LoopResources.create("reactor-http", Runtime.getRuntime().availableProcessors(), true));
		return resources;
	}

}
