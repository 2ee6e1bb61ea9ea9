package dev.fanoutlab.blocking;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import dev.fanoutlab.api.HttpConnectionRule;
import dev.fanoutlab.api.LabProperties;
import dev.fanoutlab.api.RequestValidation;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.JdkHttpClientBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * The HTTP client to the simulator: RestClient on the JDK HttpClient. Chosen over Apache
 * HttpClient 5 for cancellation: Spring's {@code JdkClientHttpRequest} answers an
 * interrupt by cancelling the exchange (the connection is closed, the simulator counts it
 * {@code cancelled}) on platform and virtual threads alike, while HttpClient 5 classic
 * blocks in a socket read that an interrupted platform thread does not leave. The JDK
 * client has no connection limit, so {@link ConnectionLimit} sets one; its internal tasks
 * run on an executor of the stack's own thread kind, never a hidden default pool.
 */
@Configuration(proxyBeanMethods = false)
class DownstreamClientConfiguration {

	/**
	 * The client's own tasks: handing a response and its bytes to the caller that waits
	 * for them, starting a request's write. They are short and never block (the caller
	 * does), so on platform threads one per core is enough; the JDK's default, a cached
	 * pool, hands every task to a parked thread and wakes it: CPU per overview 17% higher
	 * at fast/100 (docs/performance.md). The client needs the hand-off itself: run on its
	 * selector thread, calls answered at once hung until their timeout.
	 */
	@Bean(destroyMethod = "shutdownNow")
	ExecutorService httpClientExecutor(LabStack stack) {
		if (stack.virtualThreads()) {
			return Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("http-vt-", 0).factory());
		}
		return Executors.newFixedThreadPool(httpClientThreads(),
				Thread.ofPlatform().name("http-client-", 1).daemon().factory());
	}

	/** One platform thread per core for the client's own tasks. */
	private static int httpClientThreads() {
		return Runtime.getRuntime().availableProcessors();
	}

	/** {@link #httpClientExecutor} in words, as {@code /api/info} shows it. */
	static String httpClientTasks(boolean virtualThreads) {
		return virtualThreads ? "virtual threads (http-vt-N)"
				: httpClientThreads() + " platform threads, one per core (http-client-N)";
	}

	@Bean(destroyMethod = "shutdownNow")
	HttpClient downstreamHttpClient(ExecutorService httpClientExecutor, LabProperties properties) {
		return new JdkHttpClientBuilder().withExecutor(httpClientExecutor)
			.withCustomizer((builder) -> builder.version(HttpClient.Version.HTTP_1_1))
			.build(HttpClientSettings.defaults().withConnectTimeout(properties.http().connectTimeout()));
	}

	@Bean
	ConnectionLimit connectionLimit(LabProperties properties, AdmissionConfiguration.Admission admission) {
		return new ConnectionLimit(HttpConnectionRule.of(properties, admission.limit()).maxConnections(),
				properties.http().pendingAcquireTimeout());
	}

	/**
	 * The limit's gauges, the blocking twin of Reactor Netty's connection provider
	 * meters.
	 */
	@Bean
	MeterBinder connectionLimitMetrics(ConnectionLimit limit) {
		return (registry) -> {
			Gauge.builder("lab.http.connections.active", limit, ConnectionLimit::inUse)
				.description("HTTP exchanges with the simulator in progress")
				.register(registry);
			Gauge.builder("lab.http.connections.pending", limit, ConnectionLimit::waiting)
				.description("Calls waiting for a connection to the simulator")
				.register(registry);
		};
	}

	@Bean
	DownstreamClient downstreamClient(RestClient.Builder builder, HttpClient downstreamHttpClient,
			ConnectionLimit connectionLimit, LabProperties properties) {
		Duration timeout = properties.downstream().timeout();
		// fan-out echo calls ask for up to 10 s of latency: their client timeout is that
		// plus the usual per-call timeout as slack; each call's own limit is set per call
		Duration fanoutTimeout = Duration.ofMillis(RequestValidation.MAX_FANOUT_LATENCY_MS).plus(timeout);
		return new DownstreamClient(restClient(builder, downstreamHttpClient, connectionLimit, properties, timeout),
				restClient(builder, downstreamHttpClient, connectionLimit, properties, fanoutTimeout));
	}

	private static RestClient restClient(RestClient.Builder builder, HttpClient httpClient,
			ConnectionLimit connectionLimit, LabProperties properties, Duration readTimeout) {
		JdkClientHttpRequestFactory requestFactory = new JdkClientHttpRequestFactory(httpClient);
		requestFactory.setReadTimeout(readTimeout);
		return builder.clone()
			.baseUrl(properties.downstream().url())
			.requestFactory(requestFactory)
			.requestInterceptor(connectionLimit)
			.build();
	}

}
