package dev.fanoutlab.reactive;

import java.time.Duration;

import dev.fanoutlab.api.AdmissionApiDocs;
import dev.fanoutlab.api.RequestGuard;
import dev.fanoutlab.api.StrictJson;
import org.springdoc.core.customizers.OpenApiCustomizer;
import reactor.netty.NettyPipeline;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Strict JSON ({@link StrictJson}) and the HTTP server's own refusals as problem
 * documents ({@link RequestGuard}), and admission's answer in the OpenAPI document.
 */
@Configuration(proxyBeanMethods = false)
class ServerConfiguration {

	/**
	 * Admission's 503 ({@link AdmissionFilter}) in the OpenAPI document of every
	 * {@code /api/*} operation.
	 */
	@Bean
	OpenApiCustomizer admissionInTheApiDocument() {
		return AdmissionApiDocs.overloadedOnEveryApiOperation();
	}

	@Bean
	JsonMapperBuilderCustomizer strictJson() {
		return StrictJson::apply;
	}

	@Bean
	NettyServerCustomizer requestGuard(JsonMapper json,
			@Value("${server.netty.idle-timeout:10s}") Duration readTimeout) {
		// idle-timeout covers a connection waiting for its request; readTimeout each read
		// of a body, and the whole body (RequestGuard)
		return (server) -> server.readTimeout(readTimeout).doOnChannelInit((observer, channel, remote) -> {
			if (channel.pipeline().get(NettyPipeline.HttpCodec) != null) {
				channel.pipeline()
					.addAfter(NettyPipeline.HttpCodec, RequestGuard.NAME, new RequestGuard(LabHeaderFilter.STACK,
							json::writeValueAsBytes, ApiExceptionHandler.MAX_BODY_BYTES, readTimeout));
			}
		});
	}

}
