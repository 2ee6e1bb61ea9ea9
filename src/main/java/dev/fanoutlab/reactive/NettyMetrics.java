package dev.fanoutlab.reactive;

import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Bounded {@code uri} tags for Reactor Netty's own meters, which see raw paths, not route
 * templates: ids and keys collapse to placeholders, unknown paths to one value.
 * <ul>
 * <li>server: {@code httpServer.metrics(true, NettyMetrics.URI_MAPPER)} (see
 * {@link NettyServerMetricsConfiguration});</li>
 * <li>client: {@code HttpClient.create(provider).metrics(true, NettyMetrics.URI_MAPPER)},
 * with {@code ConnectionProvider.builder("downstream").metrics(true)} for the pool
 * gauges.</li>
 * </ul>
 */
public final class NettyMetrics {

	/**
	 * Maps a raw request URI to a template; never returns more than a few dozen values.
	 */
	public static final Function<String, String> URI_MAPPER = NettyMetrics::uriTemplate;

	static final String OTHER = "/**";

	private static final Pattern SERVICE_CALL = Pattern.compile("^/services/([a-z]+)/[^/]+$");

	private static final Pattern CUSTOMER_PATH = Pattern.compile("^/api/customers/[^/]+/(overview|orders)$");

	private static final Pattern KNOWN = Pattern
		.compile("^/(api/(fanout|cpu|info|pitfalls/[a-z-]+)|admin/(profile|stats|stats/reset)|actuator(/[a-z]+)?)$");

	private NettyMetrics() {
	}

	static String uriTemplate(String uri) {
		String path = pathOf(uri);
		var service = SERVICE_CALL.matcher(path);
		if (service.matches()) {
			return "/services/" + service.group(1) + "/{key}";
		}
		var customer = CUSTOMER_PATH.matcher(path);
		if (customer.matches()) {
			return "/api/customers/{id}/" + customer.group(1);
		}
		return KNOWN.matcher(path).matches() ? path : OTHER;
	}

	private static String pathOf(String uri) {
		int end = uri.length();
		for (char stop : new char[] { '?', '#' }) {
			int index = uri.indexOf(stop);
			if (index >= 0 && index < end) {
				end = index;
			}
		}
		String path = uri.substring(0, end);
		return (path.length() > 1 && path.endsWith("/")) ? path.substring(0, path.length() - 1) : path;
	}

}
