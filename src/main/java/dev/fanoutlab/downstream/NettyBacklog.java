package dev.fanoutlab.downstream;

import io.netty.channel.ChannelOption;

import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A deep accept queue: a benchmark opens thousands of connections at once, and the
 * default backlog would refuse most of them before the event loop accepts them.
 */
@Configuration(proxyBeanMethods = false)
class NettyBacklog {

	@Bean
	NettyServerCustomizer acceptBacklog(SimulatorProperties properties) {
		return (server) -> server.option(ChannelOption.SO_BACKLOG, properties.acceptBacklog());
	}

}
