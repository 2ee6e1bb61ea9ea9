package dev.fanoutlab.blocking;

import dev.fanoutlab.api.AdmissionLimit;
import dev.fanoutlab.api.AdmissionMeters;
import dev.fanoutlab.api.LabProperties;
import dev.fanoutlab.api.Problems;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

/**
 * The admission limit of this stack ({@link AdmissionLimit}): on platform threads also
 * below Tomcat's pool, so that a free thread refuses the rest at once instead of letting
 * them wait in Tomcat's unbounded queue; on virtual threads the heap's rule alone.
 */
@Configuration(proxyBeanMethods = false)
class AdmissionConfiguration {

	@Bean
	Admission admission(LabProperties lab, LabStack stack, Environment environment) {
		int configured = lab.admission().maxConcurrent();
		int limit = AdmissionLimit.of(configured, Runtime.getRuntime().maxMemory());
		if (stack.virtualThreads()) {
			return new Admission(limit, AdmissionLimit.rule(configured, null));
		}
		int threads = environment.getProperty("server.tomcat.threads.max", Integer.class, 200);
		return new Admission(AdmissionLimit.ofThreads(limit, threads), AdmissionLimit.rule(configured, threads));
	}

	@Bean
	FilterRegistrationBean<AdmissionFilter> admissionFilter(Admission admission, MeterRegistry registry,
			JsonMapper json) {
		byte[] refusal = json.writeValueAsBytes(Problems.admissionRefused(admission.limit()));
		FilterRegistrationBean<AdmissionFilter> registration = new FilterRegistrationBean<>(
				new AdmissionFilter(admission.limit(), new AdmissionMeters(registry, admission.limit()), refusal));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
		return registration;
	}

	/** Requests this stack admits at once, and the rule that chose the number. */
	record Admission(int limit, String rule) {
	}

}
