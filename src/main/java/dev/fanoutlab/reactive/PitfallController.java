package dev.fanoutlab.reactive;

import java.util.concurrent.TimeUnit;

import dev.fanoutlab.api.LabProperties;
import dev.fanoutlab.api.Problems;
import dev.fanoutlab.api.RequestValidation;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The lab's deliberate mistake and its fix, off unless {@code lab.pitfalls.enabled}: a
 * blocking call on the event loop stalls every connection that loop serves.
 */
@RestController
@RequestMapping(path = "/api/pitfalls", produces = MediaType.APPLICATION_JSON_VALUE)
class PitfallController {

	private final boolean enabled;

	PitfallController(LabProperties lab) {
		this.enabled = lab.pitfalls().enabled();
	}

	/** What a pitfall endpoint answers. */
	record Blocked(long ms, String thread, long elapsedMs) {
	}

	@Operation(summary = "WRONG on purpose: blocks the event loop thread for ms milliseconds")
	@ApiResponse(responseCode = "200", description = "done")
	@ApiResponse(responseCode = "400", description = "ms out of range")
	@ApiResponse(responseCode = "404", description = "lab.pitfalls.enabled is false")
	@GetMapping("/blocking-on-event-loop")
	Mono<Blocked> blockingOnEventLoop(@RequestParam(required = false) String ms) throws InterruptedException {
		long millis = checked(ms);
		// THE ONE BLOCKING CALL ON AN EVENT LOOP IN THE LAB, on purpose: it runs right
		// here on the Netty thread that serves this request (BlockHound allows only
		// this method).
		return Mono.just(blockFor(millis));
	}

	@Operation(summary = "The same blocking call done right: offloaded to the bounded elastic scheduler")
	@ApiResponse(responseCode = "200", description = "done")
	@ApiResponse(responseCode = "400", description = "ms out of range")
	@ApiResponse(responseCode = "404", description = "lab.pitfalls.enabled is false")
	@GetMapping("/offloaded")
	Mono<Blocked> offloaded(@RequestParam(required = false) String ms) {
		return Mono.fromCallable(() -> checked(ms))
			.flatMap((millis) -> Mono.fromCallable(() -> blockFor(millis)).subscribeOn(Schedulers.boundedElastic()));
	}

	private long checked(String ms) {
		if (!this.enabled) {
			throw ProblemErrors
				.of(Problems.notFound("The pitfall endpoints are off; start with lab.pitfalls.enabled=true."));
		}
		return RequestValidation.pitfallMs(ms);
	}

	/** Stands for any blocking call: a JDBC query, a file read, a lock. */
	private static Blocked blockFor(long millis) throws InterruptedException {
		long start = System.nanoTime();
		Thread.sleep(millis);
		return new Blocked(millis, Thread.currentThread().getName(),
				TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
	}

}
