package dev.fanoutlab.blocking;

import dev.fanoutlab.api.CpuResult;
import dev.fanoutlab.api.FanoutResult;
import dev.fanoutlab.api.InfoResponse;
import dev.fanoutlab.api.RequestValidation;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

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

	private final CpuRunner cpu;

	LoadController(FanoutService fanouts, InfoService info, CpuRunner cpu) {
		this.fanouts = fanouts;
		this.info = info;
		this.cpu = cpu;
	}

	@Operation(summary = "N calls to the echo service, in parallel or one after the other")
	@ApiResponse(responseCode = "200", description = "every call answered, results in index order")
	@ApiResponse(responseCode = "400", description = "calls, latencyMs or mode out of range")
	@ApiResponse(responseCode = "502", description = "an echo call failed")
	@ApiResponse(responseCode = "503", description = "the fan-out executor is full")
	@GetMapping("/fanout")
	FanoutResult fanout(@RequestParam(required = false) String calls, @RequestParam(required = false) String latencyMs,
			@RequestParam(required = false) String mode) {
		return this.fanouts.fanout(RequestValidation.fanoutCalls(calls), RequestValidation.fanoutLatencyMs(latencyMs),
				RequestValidation.fanoutMode(mode));
	}

	@Operation(summary = "A chain of SHA-256 hashes: on the request thread (platform threads), "
			+ "or on a platform pool sized by the cores (virtual threads)")
	@ApiResponse(responseCode = "200", description = "the digest")
	@ApiResponse(responseCode = "400", description = "rounds out of range")
	@GetMapping("/cpu")
	CpuResult cpu(@RequestParam(required = false) String rounds) {
		return this.cpu.run(RequestValidation.cpuRounds(rounds));
	}

	@Operation(summary = "The stack, its thread model and the size of every pool in force")
	@ApiResponse(responseCode = "200", description = "the stack and its pools")
	@GetMapping("/info")
	InfoResponse info() {
		return this.info.info();
	}

}
