package dev.fanoutlab.downstream;

import dev.fanoutlab.api.PaymentReply;
import dev.fanoutlab.api.Problems;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /services/payments/{key}}: the outcome of an earlier payment, the same body
 * its {@code POST} answered, or 404 if the simulator never answered one for that key (or
 * has forgotten it, see {@link PaymentLedger}). Answered at once: it is the idempotent
 * look-up a caller uses to heal a write it lost, not a simulated slow service.
 */
@RestController
class PaymentLookupController {

	private final PaymentLedger ledger;

	PaymentLookupController(PaymentLedger ledger) {
		this.ledger = ledger;
	}

	@GetMapping("/services/payments/{key}")
	PaymentReply lookup(@PathVariable String key) {
		return this.ledger.find(key)
			.orElseThrow(() -> new ErrorResponseException(HttpStatus.NOT_FOUND,
					Problems.notFound("No payment was answered for this key."), null));
	}

}
