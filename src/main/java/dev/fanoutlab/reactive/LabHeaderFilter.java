package dev.fanoutlab.reactive;

import dev.fanoutlab.api.LabHeaders;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * {@code X-Lab-Stack: reactive} on every response, errors and actuator included: set just
 * before the response commits, after any error handling has reset its headers.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class LabHeaderFilter implements WebFilter {

	static final String STACK = "reactive";

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		exchange.getResponse().beforeCommit(() -> {
			exchange.getResponse().getHeaders().set(LabHeaders.STACK, STACK);
			return Mono.empty();
		});
		return chain.filter(exchange);
	}

}
