package dev.fanoutlab.downstream;

import java.time.Duration;

import dev.fanoutlab.api.RequestGuard;
import reactor.netty.NettyPipeline;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

/**
 * The simulator's HTTP server refuses what the stacks refuse ({@link RequestGuard}): a
 * malformed URI, a bad version or {@code Host}, a transfer coding it would ignore, a body
 * whose framing breaks, each with a problem document instead of an empty 400 or a 500.
 */
@Configuration(proxyBeanMethods = false)
class RequestGuardConfiguration {

	@Bean
	NettyServerCustomizer requestGuard(JsonMapper json,
			@Value("${spring.http.codecs.max-in-memory-size:256KB}") DataSize maxBody,
			@Value("${server.netty.idle-timeout:10s}") Duration bodyDeadline) {
		return (server) -> server.doOnChannelInit((observer, channel, remote) -> {
			if (channel.pipeline().get(NettyPipeline.HttpCodec) != null) {
				channel.pipeline()
					.addAfter(NettyPipeline.HttpCodec, RequestGuard.NAME,
							new RequestGuard(null, json::writeValueAsBytes, maxBody.toBytes(), bodyDeadline));
			}
		});
	}

}
