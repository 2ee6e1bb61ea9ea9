package dev.fanoutlab.downstream;

import reactor.netty.http.server.HttpServerRequest;

import org.springframework.boot.reactor.netty.NettyRouteProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@code /services/{service}/{key}} as a plain Reactor Netty route, ahead of WebFlux
 * (which still serves {@code /admin} and {@code /actuator}): the simulator is the
 * instrument, and its hot path must cost a small fraction of what it measures.
 */
@Configuration(proxyBeanMethods = false)
class ServiceRoutes {

	static final String PREFIX = "/services/";

	@Bean
	NettyRouteProvider serviceCallRoute(ServiceCalls calls) {
		return (routes) -> routes.route(ServiceRoutes::isServiceCall, calls::handle);
	}

	/** Exactly two segments after {@code /services/}; anything else is WebFlux's 404. */
	static boolean isServiceCall(HttpServerRequest request) {
		String path = path(request.uri());
		if (!path.startsWith(PREFIX)) {
			return false;
		}
		int slash = path.indexOf('/', PREFIX.length());
		return slash > PREFIX.length() && slash < path.length() - 1 && path.indexOf('/', slash + 1) < 0;
	}

	static String path(String uri) {
		int query = uri.indexOf('?');
		return (query < 0) ? uri : uri.substring(0, query);
	}

}
