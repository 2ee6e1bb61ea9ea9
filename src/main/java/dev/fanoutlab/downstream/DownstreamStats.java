package dev.fanoutlab.downstream;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/**
 * What the simulator has served: per service and in total, for {@code /admin/stats} and
 * for Micrometer ({@code lab.downstream.inflight}, {@code lab.downstream.requests}).
 */
@Component
class DownstreamStats {

	private final Map<Service, CallCounters> perService = new EnumMap<>(Service.class);

	private final CallCounters total = new CallCounters();

	private final Map<Service, Map<Outcome, Counter>> meters = new EnumMap<>(Service.class);

	DownstreamStats(MeterRegistry registry) {
		for (Service service : Service.values()) {
			CallCounters counters = new CallCounters();
			this.perService.put(service, counters);
			Gauge.builder("lab.downstream.inflight", counters.inFlight(), Number::doubleValue)
				.description("Simulator calls waiting for their answer")
				.tag("service", service.id())
				.register(registry);
			Map<Outcome, Counter> outcomes = new EnumMap<>(Outcome.class);
			for (Outcome outcome : Outcome.values()) {
				outcomes.put(outcome,
						Counter.builder("lab.downstream.requests")
							.description("Simulator calls by how they ended")
							.tag("service", service.id())
							.tag("outcome", outcome.tag)
							.register(registry));
			}
			this.meters.put(service, outcomes);
		}
	}

	/** Counts a call as in flight until it is answered or its caller goes away. */
	Call start(Service service) {
		this.perService.get(service).started();
		this.total.started();
		return new Call(service);
	}

	Report report() {
		Map<String, CallCounters.CallStats> services = new LinkedHashMap<>();
		this.perService.forEach((service, counters) -> services.put(service.id(), counters.snapshot()));
		return new Report(services, this.total.snapshot());
	}

	void reset() {
		this.perService.values().forEach(CallCounters::reset);
		this.total.reset();
	}

	/** The JSON of {@code GET /admin/stats}. */
	record Report(Map<String, CallCounters.CallStats> services, CallCounters.CallStats total) {
	}

	enum Outcome {

		OK("ok"), FAILURE("failure"), CANCELLED("cancelled");

		private final String tag;

		Outcome(String tag) {
			this.tag = tag;
		}

	}

	/** One call in flight; it ends exactly once, however many signals arrive. */
	final class Call {

		private final Service service;

		private final AtomicBoolean ended = new AtomicBoolean();

		private Call(Service service) {
			this.service = service;
		}

		void answered(boolean failureInjected) {
			if (this.ended.compareAndSet(false, true)) {
				DownstreamStats.this.perService.get(this.service).answered(failureInjected);
				DownstreamStats.this.total.answered(failureInjected);
				count(failureInjected ? Outcome.FAILURE : Outcome.OK);
			}
		}

		void cancelled() {
			if (this.ended.compareAndSet(false, true)) {
				DownstreamStats.this.perService.get(this.service).cancelled();
				DownstreamStats.this.total.cancelled();
				count(Outcome.CANCELLED);
			}
		}

		private void count(Outcome outcome) {
			DownstreamStats.this.meters.get(this.service).get(outcome).increment();
		}

	}

}
