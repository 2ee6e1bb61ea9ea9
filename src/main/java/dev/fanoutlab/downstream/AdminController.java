package dev.fanoutlab.downstream;

import reactor.core.publisher.Mono;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The simulator's control panel: the active profile and what has been served. */
@RestController
@RequestMapping("/admin")
class AdminController {

	private final ProfileStore profiles;

	private final DownstreamStats stats;

	private final JsonBodies bodies;

	AdminController(ProfileStore profiles, DownstreamStats stats, JsonBodies bodies) {
		this.profiles = profiles;
		this.stats = stats;
		this.bodies = bodies;
	}

	@GetMapping("/profile")
	SimulatorProfile profile() {
		return this.profiles.current();
	}

	/** Switches preset and/or merges service settings; a bad body changes nothing. */
	@PutMapping("/profile")
	Mono<SimulatorProfile> updateProfile(@RequestBody(required = false) Mono<String> body) {
		return body.defaultIfEmpty("")
			.map((json) -> ProfileUpdate.parse(this.bodies.tree(json)))
			.map(this.profiles::apply);
	}

	@GetMapping("/stats")
	DownstreamStats.Report stats() {
		return this.stats.report();
	}

	/** Zeroes the counters; peaks restart from the calls in flight now. */
	@PostMapping("/stats/reset")
	DownstreamStats.Report resetStats() {
		this.stats.reset();
		return this.stats.report();
	}

}
