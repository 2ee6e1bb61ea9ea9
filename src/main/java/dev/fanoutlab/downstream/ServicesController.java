package dev.fanoutlab.downstream;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.fanoutlab.api.FieldError;
import dev.fanoutlab.api.InvalidRequestException;
import dev.fanoutlab.api.PaymentReply;
import dev.fanoutlab.api.PaymentRequest;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /services/{service}/{key}} and {@code POST /services/payments/{key}}
 * ({@code GET /services/payments/{key}} is the look-up in
 * {@link PaymentLookupController}). Both methods map every service name, so that an
 * unknown name is a 404 and a wrong method a 405 with {@code Allow}, checked before the
 * query and the body.
 */
@RestController
@RequestMapping("/services/{service}/{key}")
class ServicesController {

	private final Simulator simulator;

	private final JsonBodies bodies;

	private final PaymentLedger ledger;

	ServicesController(Simulator simulator, JsonBodies bodies, PaymentLedger ledger) {
		this.simulator = simulator;
		this.bodies = bodies;
		this.ledger = ledger;
	}

	@GetMapping
	Mono<ResponseEntity<?>> get(@PathVariable("service") String name, @PathVariable String key,
			@RequestParam Map<String, String> query) {
		Service service = SimulatorProblems.resolve(name, HttpMethod.GET);
		SettingsPatch overrides = overrides(query);
		return this.simulator.answer(service, overrides, () -> switch (service) {
			case RECOMMENDATIONS -> ReplyBodies.recommendations(key);
			case LOYALTY -> ReplyBodies.loyalty(key);
			case SHIPPING -> ReplyBodies.shipping(key);
			default -> ReplyBodies.echo(key);
		});
	}

	@PostMapping
	Mono<ResponseEntity<?>> post(@PathVariable("service") String name, @PathVariable String key,
			@RequestParam Map<String, String> query, @RequestBody(required = false) Mono<String> body) {
		Service service = SimulatorProblems.resolve(name, HttpMethod.POST);
		SettingsPatch overrides = overrides(query);
		return body.defaultIfEmpty("")
			.map(this.bodies::payment)
			.flatMap((PaymentRequest payment) -> this.simulator.answer(service, overrides,
					() -> answerPayment(key, payment.amountCents())));
	}

	/** Remembered only once answered: a payment the caller abandoned never happened. */
	private PaymentReply answerPayment(String key, long amountCents) {
		PaymentReply reply = ReplyBodies.payment(key, amountCents);
		this.ledger.record(key, reply);
		return reply;
	}

	private static SettingsPatch overrides(Map<String, String> query) {
		List<FieldError> errors = new ArrayList<>();
		SettingsPatch overrides = SettingRules.fromQuery(query, errors);
		if (!errors.isEmpty()) {
			throw new InvalidRequestException(errors);
		}
		return overrides;
	}

}
