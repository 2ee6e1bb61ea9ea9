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
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.JdkHttpClientBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.HttpComponentsClientHttpRequestFactory;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * The HTTP client to the simulator, RestClient on one of two clients
 * ({@code lab.http.client}):
 * <ul>
 * <li>{@code jdk}, the JDK HttpClient, on {@code blocking}: Spring's
 * {@code JdkClientHttpRequest} answers an interrupt by cancelling the exchange (the
 * simulator counts it {@code cancelled}), where Apache HttpClient 5 classic blocks in a
 * socket read that an interrupted platform thread does not leave. It is asynchronous
 * underneath: a selector platform thread hands every response to an executor, which wakes
 * the waiting caller. It has no connection limit, so {@link ConnectionLimit} sets
 * one.</li>
 * <li>{@code apache}, Apache HttpClient 5 classic, virtual threads only: blocking I/O on
 * the caller's own virtual thread, no hand-off; an interrupt closes the socket (JEP 444),
 * which aborts the exchange. Its connection pool is the limit, sized by the same rule.
 * </li>
 * </ul>
 * On {@code virtual} the default is {@code apache}, chosen by an A/B of the two clients
 * on virtual threads (bench/ab.sh,
 * {@code A_ENV=LAB_HTTP_CLIENT=jdk B_ENV=LAB_HTTP_CLIENT=apache}, 3 interleaved rounds
 * each, 2 cores, 2026-12-08, results/2026-12-08T0209Z-cf29ad6), medians:
 * <ul>
 * <li>fast/100: CPU per overview 1.033 ms (jdk) against 0.793 ms (apache), -23%;
 * allocated 258 against 143 KB; p99 185 against 230 ms (spread 172-211 and 149-262: no
 * better, no clearly worse);</li>
 * <li>slow/1000: CPU per overview 1.078 against 0.665 ms, -38%; 858 against 1,167 req/s;
 * p99 1,867 against 1,758 ms; degraded answers 17.7% against 2.0%.</li>
 * </ul>
 * What it saves is the JDK client's hand-off: its selector platform thread reads every
 * response and wakes the waiting virtual thread through an executor task, where
 * HttpClient 5 reads on the waiting virtual thread itself.
 */
@Configuration(proxyBeanMethods = false)
class DownstreamClientConfiguration {

	@Bean
	DownstreamClient downstreamClient(RestClient.Builder builder, DownstreamConnections connections,
			LabProperties properties) {
		Duration timeout = properties.downstream().timeout();
		// fan-out echo calls ask for up to 10 s of latency: their client timeout is that
		// plus the usual per-call timeout as slack; each call's own limit is set per call
		Duration fanoutTimeout = Duration.ofMillis(RequestValidation.MAX_FANOUT_LATENCY_MS).plus(timeout);
		return new DownstreamClient(restClient(builder, connections, properties, timeout),
				restClient(builder, connections, properties, fanoutTimeout));
	}

	private static RestClient restClient(RestClient.Builder builder, DownstreamConnections connections,
			LabProperties properties, Duration readTimeout) {
		return connections.customize(builder.clone())
			.baseUrl(properties.downstream().url())
			.requestFactory(connections.requestFactory(readTimeout))
			.build();
	}

	/**
	 * The connections' gauges, the thread stacks' twin of Reactor Netty's pool meters.
	 */
	@Bean
	MeterBinder connectionLimitMetrics(DownstreamConnections connections) {
		return (registry) -> {
			Gauge.builder("lab.http.connections.active", connections, DownstreamConnections::inUse)
				.description("HTTP exchanges with the simulator in progress")
				.register(registry);
			Gauge.builder("lab.http.connections.pending", connections, DownstreamConnections::waiting)
				.description("Calls waiting for a connection to the simulator")
				.register(registry);
		};
	}

	private static int maxConnections(LabProperties properties, AdmissionConfiguration.Admission admission) {
		return HttpConnectionRule.of(properties, admission.limit()).maxConnections();
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(name = "lab.http.client", havingValue = "jdk", matchIfMissing = true)
	static class Jdk {

		/**
		 * The client's own tasks: handing a response and its bytes to the caller that
		 * waits for them, starting a request's write. They are short and never block (the
		 * caller does), so on platform threads one per core is enough; the JDK's default,
		 * a cached pool, hands every task to a parked thread and wakes it: CPU per
		 * overview 17% higher at fast/100 (docs/performance.md). The client needs the
		 * hand-off itself: run on its selector thread, calls answered at once hung until
		 * their timeout.
		 */
		@Bean(destroyMethod = "shutdownNow")
		ExecutorService httpClientExecutor(LabStack stack) {
			if (stack.virtualThreads()) {
				return Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("http-vt-", 0).factory());
			}
			return Executors.newFixedThreadPool(httpClientThreads(),
					Thread.ofPlatform().name("http-client-", 1).daemon().factory());
		}

		@Bean(destroyMethod = "shutdownNow")
		HttpClient downstreamHttpClient(ExecutorService httpClientExecutor, LabProperties properties) {
			return new JdkHttpClientBuilder().withExecutor(httpClientExecutor)
				.withCustomizer((builder) -> builder.version(HttpClient.Version.HTTP_1_1))
				.build(HttpClientSettings.defaults().withConnectTimeout(properties.http().connectTimeout()));
		}

		@Bean
		ConnectionLimit connectionLimit(LabProperties properties, AdmissionConfiguration.Admission admission) {
			return new ConnectionLimit(maxConnections(properties, admission),
					properties.http().pendingAcquireTimeout());
		}

		@Bean
		DownstreamConnections jdkConnections(HttpClient downstreamHttpClient, ConnectionLimit limit, LabStack stack) {
			String kind = "JDK HttpClient connections to the simulator (total and per route, ConnectionLimit); "
					+ "the client's own tasks on " + (stack.virtualThreads() ? "virtual threads (http-vt-N)"
							: httpClientThreads() + " platform threads, one per core (http-client-N)");
			return new DownstreamConnections() {

				@Override
				public ClientHttpRequestFactory requestFactory(Duration readTimeout) {
					JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(downstreamHttpClient);
					factory.setReadTimeout(readTimeout);
					return factory;
				}

				@Override
				public RestClient.Builder customize(RestClient.Builder builder) {
					return builder.requestInterceptor(limit);
				}

				@Override
				public int max() {
					return limit.max();
				}

				@Override
				public int inUse() {
					return limit.inUse();
				}

				@Override
				public int waiting() {
					return limit.waiting();
				}

				@Override
				public String kind() {
					return kind;
				}

			};
		}

		/** One platform thread per core for the client's own tasks. */
		private static int httpClientThreads() {
			return Runtime.getRuntime().availableProcessors();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(name = "lab.http.client", havingValue = "apache")
	static class Apache {

		@Bean(destroyMethod = "close")
		PoolingHttpClientConnectionManager downstreamConnectionPool(LabProperties properties,
				AdmissionConfiguration.Admission admission, LabStack stack) {
			if (!stack.virtualThreads()) {
				throw new IllegalStateException("lab.http.client=apache needs virtual threads: an interrupted "
						+ "platform thread does not leave HttpClient 5's socket read, so no call could be cancelled");
			}
			int max = maxConnections(properties, admission);
			return PoolingHttpClientConnectionManagerBuilder.create()
				.setMaxConnTotal(max)
				.setMaxConnPerRoute(max) // every call goes to the one simulator
				.setDefaultConnectionConfig(ConnectionConfig.custom()
					.setConnectTimeout(Timeout.of(properties.http().connectTimeout()))
					.build())
				.build();
		}

		@Bean(destroyMethod = "close")
		CloseableHttpClient downstreamApacheClient(PoolingHttpClientConnectionManager downstreamConnectionPool) {
			// no retries: a call the caller gave up on is not made again behind its back.
			// Idle connections closed after 30 s, as Reactor Netty's pool (maxIdleTime)
			// and the
			// JDK client (keep-alive timeout) do: HttpClient 5 keeps them for ever
			// otherwise, and
			// the 12,000 a 4,000-client run opened stayed open on the simulator, which
			// the next
			// stack's run then pushed past its 20,000 open files
			return HttpClients.custom()
				.setConnectionManager(downstreamConnectionPool)
				.evictIdleConnections(TimeValue.ofSeconds(30))
				.disableAutomaticRetries()
				.disableCookieManagement()
				.build();
		}

		@Bean
		DownstreamConnections apacheConnections(CloseableHttpClient downstreamApacheClient,
				PoolingHttpClientConnectionManager pool, LabProperties properties) {
			Duration acquire = properties.http().pendingAcquireTimeout();
			return new DownstreamConnections() {

				@Override
				public ClientHttpRequestFactory requestFactory(Duration readTimeout) {
					HttpComponentsClientHttpRequestFactory factory = new HttpComponentsClientHttpRequestFactory(
							downstreamApacheClient);
					factory.setConnectionRequestTimeout(acquire);
					factory.setReadTimeout(readTimeout);
					return factory;
				}

				@Override
				public RestClient.Builder customize(RestClient.Builder builder) {
					return builder;
				}

				@Override
				public int max() {
					return pool.getMaxTotal();
				}

				@Override
				public int inUse() {
					return pool.getTotalStats().getLeased();
				}

				@Override
				public int waiting() {
					return pool.getTotalStats().getPending();
				}

				@Override
				public String kind() {
					return "Apache HttpClient 5 classic pool of connections to the simulator (total and per route); "
							+ "blocking I/O on the calling virtual thread";
				}

			};
		}

	}

}
