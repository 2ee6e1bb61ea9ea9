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
 * The admission limit of this stack ({@link AdmissionLimit#decide}): in queue mode the
 * heap's rule, and on platform threads Tomcat's queue holds what its threads cannot run
 * yet; in shed mode the same limit as every other stack, on platform threads below
 * Tomcat's pool, so that a free thread refuses the rest at once.
 */
@Configuration(proxyBeanMethods = false)
class AdmissionConfiguration {

	@Bean
	Admission admission(LabProperties lab, LabStack stack, Environment environment) {
		int threads = environment.getProperty("server.tomcat.threads.max", Integer.class,
				AdmissionLimit.TOMCAT_DEFAULT_THREADS);
		AdmissionLimit.Decision decision = AdmissionLimit.decide(lab.admission(), Runtime.getRuntime().maxMemory(),
				threads, !stack.virtualThreads());
		return new Admission(decision.limit(), decision.mode(), decision.rule());
	}

	@Bean
	FilterRegistrationBean<AdmissionFilter> admissionFilter(Admission admission, MeterRegistry registry,
			JsonMapper json) {
		byte[] refusal = json.writeValueAsBytes(Problems.admissionRefused(admission.limit()));
		FilterRegistrationBean<AdmissionFilter> registration = new FilterRegistrationBean<>(
				new AdmissionFilter(admission.limit(), new AdmissionMeters(registry, admission.limit()), refusal));
		// after Boot's ServerHttpObservationFilter (HIGHEST_PRECEDENCE + 1; the same
		// order
		// left their sequence to bean registration): a refusal is an answer observed in
		// http.server.requests, as the reactive stack observes it
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
		return registration;
	}

	/**
	 * Requests this stack admits at once, its overload mode and the rule that chose them.
	 */
	record Admission(int limit, AdmissionLimit.Mode mode, String rule) {
	}

}
