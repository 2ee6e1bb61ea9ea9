package dev.fanoutlab.downstream;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import dev.fanoutlab.api.Problems;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * The admin API changes what every stack sees: with {@code lab.simulator.admin-token}
 * set, {@code /admin/**} needs {@code Authorization: Bearer <token>}, else 401. Off
 * (empty) in the local lab, which listens on loopback only.
 */
@Component
class AdminTokenFilter implements WebFilter {

	private final byte[] expected;

	private final byte[] refusal;

	AdminTokenFilter(SimulatorProperties properties, JsonMapper json) {
		String token = properties.adminToken();
		this.expected = (token == null || token.isBlank()) ? null
				: ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
		this.refusal = json.writeValueAsBytes(Problems.of(HttpStatus.UNAUTHORIZED, "unauthorized", "Unauthorized",
				"The admin API needs Authorization: Bearer <LAB_SIMULATOR_ADMIN_TOKEN>."));
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		if (this.expected == null || !exchange.getRequest().getPath().value().startsWith("/admin")) {
			return chain.filter(exchange);
		}
		String given = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
		if (given != null && MessageDigest.isEqual(this.expected, given.getBytes(StandardCharsets.UTF_8))) {
			return chain.filter(exchange);
		}
		ServerHttpResponse response = exchange.getResponse();
		response.setStatusCode(HttpStatus.UNAUTHORIZED);
		response.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
		response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
		return response.writeWith(Mono.fromSupplier(() -> response.bufferFactory().wrap(this.refusal)));
	}

}
