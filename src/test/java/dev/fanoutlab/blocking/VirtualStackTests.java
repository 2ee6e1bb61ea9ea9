package dev.fanoutlab.blocking;

import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.servlet.Filter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.support.GenericApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/** The {@code virtual} role: the same code, requests and fan-out on virtual threads. */
class VirtualStackTests {

	private static final AtomicReference<Thread> requestThread = new AtomicReference<>();

	private static RunningStack stack;

	@BeforeAll
	static void start() {
		Filter probe = (request, response, chain) -> {
			requestThread.set(Thread.currentThread());
			chain.doFilter(request, response);
		};
		stack = RunningStack.start(
				BlockingApplication.builder(true)
					.initializers((context) -> ((GenericApplicationContext) context).registerBean("threadProbe",
							FilterRegistrationBean.class, () -> new FilterRegistrationBean<>(probe))),
				Map.of("lab.downstream.url", "http://localhost:1"));
	}

	@AfterAll
	static void stop() {
		stack.close();
	}

	@Test
	void handlesRequestsOnVirtualThreads() {
		assertThat(stack.context().getEnvironment().getProperty("spring.threads.virtual.enabled")).isEqualTo("true");
		assertThat(stack.get("/api/cpu?rounds=1").statusCode()).isEqualTo(200);
		assertThat(requestThread.get().isVirtual()).isTrue();
	}

	@Test
	void infoShowsUnboundedThreadPools() {
		JsonNode info = RunningStack.json(stack.get("/api/info"));
		assertThat(info.get("stack").asString()).isEqualTo("virtual");
		assertThat(info.get("threadModel").asString()).isEqualTo("virtual thread per request");
		assertThat(info.get("virtualThreads").asBoolean()).isTrue();
		assertThat(info.get("pools").get("server").get("max").isNull()).isTrue();
		assertThat(info.get("pools").get("fanout").get("max").isNull()).isTrue();
		// 3 downstream calls per overview x the requests admitted at once
		// (api.HttpConnectionRule)
		assertThat(info.get("pools").get("http").get("max").asInt())
			.isEqualTo(3 * info.get("pools").get("admission").get("max").asInt());
		assertThat(info.get("pools").get("http").get("rule").asString())
			.startsWith("3 downstream calls per overview x ");
	}

	@Test
	void fansOutOnVirtualThreads() {
		JsonNode trace = RunningStack.json(stack.get("/api/customers/5/overview?trace=true")).get("trace");
		assertThat(trace.get("stack").asString()).isEqualTo("virtual");
		// one virtual thread per task, the orders and their shipping in one; the
		// request's own virtual thread only waits
		assertThat(trace.get("calls").valueStream().map((call) -> call.get("thread").asString())).satisfiesExactly(
				(customer) -> assertThat(customer).startsWith("overview-vt-"),
				(orders) -> assertThat(orders).startsWith("overview-vt-"),
				(recommendations) -> assertThat(recommendations).startsWith("overview-vt-"),
				(loyalty) -> assertThat(loyalty).startsWith("overview-vt-"),
				(shipping) -> assertThat(shipping).isEqualTo(trace.get("calls").get(1).get("thread").asString()));
	}

	@Test
	void everyResponseCarriesTheStackHeader() {
		assertThat(stack.get("/actuator/health").headers().firstValue("X-Lab-Stack")).contains("virtual");
	}

}
