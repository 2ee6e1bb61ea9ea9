package dev.fanoutlab.reactive;

import dev.fanoutlab.api.Problems;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * An error status completed with no body at all (the actuator's unknown health component
 * answers a bare 404) gets a problem document, as every refusal of the API does.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class EmptyErrorBodies implements WebFilter {

	private final JsonMapper json;

	EmptyErrorBodies(JsonMapper json) {
		this.json = json;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		ServerHttpRequest request = exchange.getRequest();
		ServerHttpResponseDecorator response = new ServerHttpResponseDecorator(exchange.getResponse()) {

			@Override
			public Mono<Void> setComplete() {
				HttpStatusCode status = getStatusCode();
				if (status == null || !status.isError() || isCommitted()) {
					return super.setComplete();
				}
				byte[] body = EmptyErrorBodies.this.json.writeValueAsBytes(problem(status, request));
				getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
				getHeaders().setContentLength(body.length);
				return writeWith(Mono.fromSupplier(() -> bufferFactory().wrap(body)));
			}

		};
		return chain.filter(exchange.mutate().response(response).build());
	}

	private static ProblemDetail problem(HttpStatusCode status, ServerHttpRequest request) {
		return (status.value() == 404) ? Problems.noSuchEndpoint(request.getMethod().name(), request.getPath().value())
				: Problems.protocolError(status.value());
	}

}
