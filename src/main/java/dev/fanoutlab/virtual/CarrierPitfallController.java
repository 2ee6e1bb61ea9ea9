package dev.fanoutlab.virtual;

import dev.fanoutlab.api.CpuResult;
import dev.fanoutlab.api.LabProperties;
import dev.fanoutlab.api.Problems;
import dev.fanoutlab.api.RequestValidation;
import dev.fanoutlab.blocking.ProblemException;
import io.swagger.v3.oas.annotations.Hidden;

import org.springframework.boot.autoconfigure.condition.ConditionalOnThreading;
import org.springframework.boot.thread.Threading;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The virtual-thread twin of the reactive stack's event-loop pitfall, off unless
 * {@code lab.pitfalls.enabled}: CPU-bound work on the request's own virtual thread. A
 * virtual thread is not time-sliced; it keeps its carrier until it blocks or ends, so
 * with as many of these running as there are carriers (one per core) every other virtual
 * thread waits. {@code /api/cpu} is the same work done right, on a platform pool.
 */
@RestController
@ConditionalOnThreading(Threading.VIRTUAL)
class CarrierPitfallController {

	private final boolean enabled;

	CarrierPitfallController(LabProperties lab) {
		this.enabled = lab.pitfalls().enabled();
	}

	@Hidden // a lab experiment, not the stacks' shared API
	@GetMapping(path = "/api/pitfalls/cpu-on-carriers", produces = MediaType.APPLICATION_JSON_VALUE)
	CpuResult cpuOnCarriers(@RequestParam(required = false) String rounds) {
		if (!this.enabled) {
			throw new ProblemException(
					Problems.notFound("The pitfall endpoints are off; start with lab.pitfalls.enabled=true."));
		}
		// WRONG on purpose: the hashing runs right here, on a carrier
		return OffloadedCpuRunner.inline(RequestValidation.cpuRounds(rounds));
	}

}
