package dev.fanoutlab.blocking;

import dev.fanoutlab.api.Problems;
import io.swagger.v3.oas.annotations.Hidden;

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

	@Hidden // not part of this stack's API: it answers only what reactive answers when
			// they are off
	@GetMapping({ "/api/pitfalls/blocking-on-event-loop", "/api/pitfalls/offloaded" })
	ResponseEntity<ProblemDetail> pitfall() {
		// what reactive's PitfallController answers with lab.pitfalls.enabled=false
		ProblemDetail problem = Problems
			.notFound("The pitfall endpoints are off; start with lab.pitfalls.enabled=true.");
		return ResponseEntity.status(problem.getStatus()).body(problem);
	}

}
