package dev.fanoutlab.blocking;

import dev.fanoutlab.api.AdmissionApiDocs;
import org.springdoc.core.customizers.OpenApiCustomizer;

import java.time.Duration;

import dev.fanoutlab.api.Problems;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

/**
 * The servlet filters, in order: the stack header first, so that every answer has it,
 * then admission ({@link AdmissionConfiguration}), the in-flight gauge and the body cap;
 * and admission's answer in the OpenAPI document.
 */
@Configuration(proxyBeanMethods = false)
class WebConfiguration {

	/** Admission's 503 in the OpenAPI document of every {@code /api/*} operation. */
	@Bean
	OpenApiCustomizer admissionInTheApiDocument() {
		return AdmissionApiDocs.overloadedOnEveryApiOperation();
	}

	@Bean
	LabStack labStack(Environment environment) {
		return LabStack.of(environment);
	}

	@Bean
	FilterRegistrationBean<StackHeaderFilter> stackHeaderFilter(LabStack stack) {
		FilterRegistrationBean<StackHeaderFilter> registration = new FilterRegistrationBean<>(
				new StackHeaderFilter(stack));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}

	@Bean
	FilterRegistrationBean<InflightRequestsFilter> inflightRequestsFilter(MeterRegistry registry) {
		FilterRegistrationBean<InflightRequestsFilter> registration = new FilterRegistrationBean<>(
				new InflightRequestsFilter(registry));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 3);
		return registration;
	}

	@Bean
	FilterRegistrationBean<BodySizeLimitFilter> bodySizeLimitFilter(JsonMapper json,
			@Value("${server.tomcat.connection-timeout:10s}") Duration bodyDeadline) {
		// the whole body within the time Tomcat allows for the headers (and each read)
		FilterRegistrationBean<BodySizeLimitFilter> registration = new FilterRegistrationBean<>(new BodySizeLimitFilter(
				bodyDeadline, json.writeValueAsBytes(Problems.payloadTooLarge(BodySizeLimitFilter.MAX_BYTES))));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 4);
		return registration;
	}

}
