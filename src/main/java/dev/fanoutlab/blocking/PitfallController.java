package dev.fanoutlab.blocking;

import dev.fanoutlab.api.Problems;
import io.swagger.v3.oas.annotations.Operation;

import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The pitfall endpoints exist only on {@code reactive} (blocking an event loop); here a
 * blocked thread is the normal way of working, so they answer what reactive answers when
 * they are off.
 */
@RestController
class PitfallController {

	@Operation(summary = "Reactive only: not available on this stack")
	@GetMapping({ "/api/pitfalls/blocking-on-event-loop", "/api/pitfalls/offloaded" })
	ResponseEntity<ProblemDetail> pitfall() {
		// the same problem as reactive's PitfallController when
		// lab.pitfalls.enabled=false
		ProblemDetail problem = Problems
			.notFound("The pitfall endpoints are off; start with lab.pitfalls.enabled=true.");
		return ResponseEntity.status(problem.getStatus()).body(problem);
	}

}
