package dev.fanoutlab.blocking;

import dev.fanoutlab.api.StrictJson;
import org.apache.catalina.core.StandardHost;
import org.apache.coyote.http11.AbstractHttp11Protocol;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Strict JSON ({@link StrictJson}), Tomcat's own refusals as problem documents
 * ({@link ProblemErrorReportValve}), no unread body swallowed on a request thread
 * ({@link UnreadBodyValve}), and {@code 100 Continue} only once the application reads the
 * body, so that a body refused by its declared size ({@link BodySizeLimitFilter}) is
 * never invited.
 */
@Configuration(proxyBeanMethods = false)
class ServerConfiguration {

	@Bean
	JsonMapperBuilderCustomizer strictJson() {
		return StrictJson::apply;
	}

	@Bean
	WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReports(LabStack stack, JsonMapper json) {
		ProblemErrorReportValve valve = new ProblemErrorReportValve(stack.name(), json::writeValueAsBytes);
		return (factory) -> factory.addContextCustomizers((context) -> {
			if (context.getParent() instanceof StandardHost host) {
				host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
				host.getPipeline().addValve(valve);
			}
		});
	}

	@Bean
	WebServerFactoryCustomizer<TomcatServletWebServerFactory> unreadBodies() {
		return (factory) -> {
			factory.addContextCustomizers((context) -> context.getPipeline().addValve(new UnreadBodyValve()));
			factory.addConnectorCustomizers((connector) -> {
				if (connector.getProtocolHandler() instanceof AbstractHttp11Protocol<?> http) {
					http.setContinueResponseTiming("onRead");
				}
			});
		};
	}

}
