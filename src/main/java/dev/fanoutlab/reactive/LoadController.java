package dev.fanoutlab.reactive;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import dev.fanoutlab.api.CpuResult;
import dev.fanoutlab.api.CpuWork;
import dev.fanoutlab.api.FanoutResult;
import dev.fanoutlab.api.InfoResponse;
import dev.fanoutlab.api.Problems;
import dev.fanoutlab.api.RequestValidation;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The synthetic loads (N echo calls, CPU work) and what the stack runs on. */
@RestController
@RequestMapping(path = "/api", produces = MediaType.APPLICATION_JSON_VALUE)
class LoadController {

	private final FanoutService fanouts;

	private final InfoService info;

	private final Scheduler cpuScheduler;

	LoadController(FanoutService fanouts, InfoService info, Scheduler cpuScheduler) {
		this.fanouts = fanouts;
		this.info = info;
		this.cpuScheduler = cpuScheduler;
	}

	@Operation(summary = "N calls to the echo service, in parallel or one after the other")
	@ApiResponse(responseCode = "200", description = "every call answered, results in index order")
	@ApiResponse(responseCode = "400", description = "calls, latencyMs or mode out of range")
	@ApiResponse(responseCode = "502", description = "an echo call failed")
	@GetMapping("/fanout")
	Mono<FanoutResult> fanout(@RequestParam(required = false) String calls,
			@RequestParam(required = false) String latencyMs, @RequestParam(required = false) String mode) {
		return Mono.defer(() -> this.fanouts.fanout(RequestValidation.fanoutCalls(calls),
				RequestValidation.fanoutLatencyMs(latencyMs), RequestValidation.fanoutMode(mode)));
	}

	@Operation(summary = "A chain of SHA-256 hashes, on the cpu scheduler, never on the event loop")
	@ApiResponse(responseCode = "200", description = "the digest")
	@ApiResponse(responseCode = "400", description = "rounds out of range")
	@GetMapping("/cpu")
	Mono<CpuResult> cpu(@RequestParam(required = false) String rounds) {
		return Mono.defer(() -> {
			int n = RequestValidation.cpuRounds(rounds);
			return Mono.fromCallable(() -> {
				long start = System.nanoTime();
				String digest = CpuWork.sha256Chain(n);
				return new CpuResult(n, digest, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
			})
				.subscribeOn(this.cpuScheduler)
				.onErrorMap(RejectedExecutionException.class, (ex) -> ProblemErrors.of(Problems.overloaded(), ex));
		});
	}

	@Operation(summary = "The stack, its thread model and the size of every pool in force")
	@ApiResponse(responseCode = "200", description = "the stack and its pools")
	@GetMapping("/info")
	InfoResponse info() {
		return this.info.info();
	}

}
