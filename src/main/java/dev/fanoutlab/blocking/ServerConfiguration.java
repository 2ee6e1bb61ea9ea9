package dev.fanoutlab.blocking;

import dev.fanoutlab.api.Problems;
import dev.fanoutlab.api.StrictJson;
import org.apache.catalina.core.StandardHost;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Strict JSON ({@link StrictJson}) and Tomcat's own refusals as problem documents
 * ({@link ProblemErrorReportValve}).
 */
@Configuration(proxyBeanMethods = false)
class ServerConfiguration {

	@Bean
	JsonMapperBuilderCustomizer strictJson() {
		return StrictJson::apply;
	}

	@Bean
	WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReports(LabStack stack, JsonMapper json) {
		ProblemErrorReportValve valve = new ProblemErrorReportValve(stack.name(),
				(status) -> json.writeValueAsBytes(Problems.protocolError(status)));
		return (factory) -> factory.addContextCustomizers((context) -> {
			if (context.getParent() instanceof StandardHost host) {
				host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
				host.getPipeline().addValve(valve);
			}
		});
	}

}
