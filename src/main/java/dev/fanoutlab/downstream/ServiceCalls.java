package dev.fanoutlab.downstream;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import dev.fanoutlab.api.FieldError;
import dev.fanoutlab.api.InvalidRequestException;
import dev.fanoutlab.api.PaymentReply;
import dev.fanoutlab.api.Problems;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.QueryStringDecoder;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriUtils;

/**
 * {@code GET /services/{service}/{key}}, {@code POST /services/payments/{key}} and the
 * payment look-up {@code GET /services/payments/{key}}. The name and the method are
 * checked first (404, 405 with {@code Allow}), then the query and the body (400).
 */
@Component
class ServiceCalls {

	private final Simulator simulator;

	private final JsonBodies json;

	private final PaymentLedger ledger;

	private final ServiceCallTimers timers;

	private final ReplyCache replies;

	ServiceCalls(Simulator simulator, JsonBodies json, PaymentLedger ledger, ServiceCallTimers timers,
			ReplyCache replies) {
		this.simulator = simulator;
		this.json = json;
		this.ledger = ledger;
		this.timers = timers;
		this.replies = replies;
	}

	Publisher<Void> handle(HttpServerRequest request, HttpServerResponse response) {
		long start = System.nanoTime();
		String path = ServiceRoutes.path(request.uri());
		AtomicInteger status = new AtomicInteger();
		return Mono.defer(() -> answer(request, path))
			.onErrorResume(InvalidRequestException.class,
					(ex) -> Mono.just(this.json.problem(Problems.invalidRequest(ex.errors()), path)))
			.flatMap((reply) -> {
				status.set(reply.status());
				return send(response, reply);
			})
			.doFinally(
					(signal) -> this.timers.record(request.method().name(), status.get(), System.nanoTime() - start));
	}

	private Mono<Reply> answer(HttpServerRequest request, String path) {
		int slash = path.indexOf('/', ServiceRoutes.PREFIX.length());
		String name = path.substring(ServiceRoutes.PREFIX.length(), slash);
		String key = UriUtils.decode(path.substring(slash + 1), StandardCharsets.UTF_8);
		Optional<Service> found = Service.find(name);
		if (found.isEmpty()) {
			return Mono.just(this.json.problem(SimulatorProblems.unknownService(name), path));
		}
		Service service = found.get();
		HttpMethod method = HttpMethod.valueOf(request.method().name());
		if (service == Service.PAYMENTS && method == HttpMethod.GET) {
			return Mono.just(lookUpPayment(key, path));
		}
		if (!service.method().equals(method)) {
			return Mono.just(
					this.json.problem(SimulatorProblems.wrongMethod(service), path).withAllow(service.method().name()));
		}
		SettingsPatch overrides = overrides(request.uri());
		ScheduledExecutorService timer = eventLoopOf(request);
		if (service != Service.PAYMENTS) {
			return this.simulator.answer(service, overrides, () -> this.replies.ok(service, key), timer);
		}
		if (!isJson(request.requestHeaders().get(HttpHeaderNames.CONTENT_TYPE))) {
			return Mono.just(this.json.problem(Problems.unsupportedMediaType(), path));
		}
		return request.receive()
			.aggregate()
			.asString(StandardCharsets.UTF_8)
			.defaultIfEmpty("")
			.map(this.json::payment)
			.flatMap((payment) -> this.simulator.answer(service, overrides,
					() -> this.json.ok(pay(key, payment.amountCents())), timer));
	}

	/** Remembered only once answered: a payment its caller abandoned never happened. */
	private PaymentReply pay(String key, long amountCents) {
		PaymentReply reply = ReplyBodies.payment(key, amountCents);
		this.ledger.record(key, reply);
		return reply;
	}

	/** Answered at once: the idempotent look-up a caller uses to heal a lost write. */
	private Reply lookUpPayment(String key, String path) {
		return this.ledger.find(key)
			.map(this.json::ok)
			.orElseGet(() -> this.json.problem(SimulatorProblems.paymentNotFound(), path));
	}

	private static SettingsPatch overrides(String uri) {
		if (uri.indexOf('?') < 0) {
			return SettingsPatch.NONE;
		}
		Map<String, String> query = new HashMap<>();
		new QueryStringDecoder(uri).parameters().forEach((name, values) -> query.put(name, values.get(0)));
		List<FieldError> errors = new ArrayList<>();
		SettingsPatch overrides = SettingRules.fromQuery(query, errors);
		if (!errors.isEmpty()) {
			throw new InvalidRequestException(errors);
		}
		return overrides;
	}

	/** A missing type is read as JSON, as before; any other type is a 415. */
	private static boolean isJson(String contentType) {
		if (contentType == null) {
			return true;
		}
		MediaType type = MediaType.parseMediaType(contentType);
		return type.isCompatibleWith(MediaType.APPLICATION_JSON) || "json".equals(type.getSubtypeSuffix());
	}

	private static ScheduledExecutorService eventLoopOf(HttpServerRequest request) {
		AtomicReference<ScheduledExecutorService> loop = new AtomicReference<>();
		request.withConnection((connection) -> loop.set(connection.channel().eventLoop()));
		return loop.get();
	}

	private static Mono<Void> send(HttpServerResponse response, Reply reply) {
		response.status(reply.status())
			.header(HttpHeaderNames.CONTENT_TYPE, reply.contentType())
			.header(HttpHeaderNames.CONTENT_LENGTH, String.valueOf(reply.body().length));
		if (reply.allow() != null) {
			response.header(HttpHeaderNames.ALLOW, reply.allow());
		}
		return response.sendByteArray(Mono.just(reply.body())).then();
	}

}
