package dev.fanoutlab.reactive;

import java.net.URI;

import dev.fanoutlab.api.CreateOrderRequest;
import dev.fanoutlab.api.CreatedOrder;
import dev.fanoutlab.api.CustomerOverview;
import dev.fanoutlab.api.LabHeaders;
import dev.fanoutlab.api.RequestValidation;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A customer's overview (the fan-out) and orders. Parameters arrive as text. */
@RestController
@RequestMapping(path = "/api/customers/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
class CustomerController {

	private final OverviewService overviews;

	private final OrderService orders;

	CustomerController(OverviewService overviews, OrderService orders) {
		this.overviews = overviews;
		this.orders = orders;
	}

	@Operation(summary = "The customer overview: DB and HTTP calls in parallel, shipping after the orders")
	@ApiResponse(responseCode = "200",
			description = "the overview; optional parts that failed are fallbacks named in degraded")
	@ApiResponse(responseCode = "400", description = "id is not a positive 64-bit integer")
	@ApiResponse(responseCode = "404", description = "no such customer")
	@ApiResponse(responseCode = "503", description = "the database is unavailable")
	@GetMapping("/overview")
	Mono<CustomerOverview> overview(@PathVariable String id, @RequestParam(required = false) String trace) {
		return Mono.defer(() -> this.overviews.overview(RequestValidation.customerId(id), "true".equals(trace)));
	}

	@Operation(summary = "Create an order once per Idempotency-Key: authorise the payment, then store it")
	@ApiResponse(responseCode = "201", description = "created, or the same order again for a replayed Idempotency-Key")
	@ApiResponse(responseCode = "400", description = "invalid id, body or Idempotency-Key")
	@ApiResponse(responseCode = "402", description = "payment declined")
	@ApiResponse(responseCode = "404", description = "no such customer")
	@ApiResponse(responseCode = "409", description = "the same Idempotency-Key is still being processed")
	@ApiResponse(responseCode = "413", description = "body over 64 KiB")
	@ApiResponse(responseCode = "415", description = "body is not JSON")
	@ApiResponse(responseCode = "422", description = "the same Idempotency-Key with another body")
	@ApiResponse(responseCode = "502", description = "the payment service answered an error; no order")
	@ApiResponse(responseCode = "503",
			description = "the database is unreachable, or the payment got no answer in time: no order is confirmed; "
					+ "retry with the same Idempotency-Key after Retry-After (docs/api.md)")
	@PostMapping(path = "/orders", consumes = MediaType.APPLICATION_JSON_VALUE)
	Mono<ResponseEntity<CreatedOrder>> create(@PathVariable String id,
			@RequestHeader(name = LabHeaders.IDEMPOTENCY_KEY, required = false) String idempotencyKey,
			@RequestBody Mono<CreateOrderRequest> body) {
		return Mono.defer(() -> {
			long customerId = RequestValidation.customerId(id);
			String key = RequestValidation.idempotencyKey(idempotencyKey);
			return body.switchIfEmpty(Mono.fromSupplier(() -> new CreateOrderRequest(null)))
				.flatMap((request) -> this.orders.create(customerId, key, request))
				.map(CustomerController::created);
		});
	}

	@Operation(summary = "One stored order of the customer")
	@ApiResponse(responseCode = "200", description = "the order")
	@ApiResponse(responseCode = "400", description = "id or orderId is not a positive 64-bit integer")
	@ApiResponse(responseCode = "404", description = "no such order for this customer")
	@ApiResponse(responseCode = "503", description = "the database is unavailable")
	@GetMapping("/orders/{orderId}")
	Mono<CreatedOrder> order(@PathVariable String id, @PathVariable String orderId) {
		return Mono.defer(() -> this.orders.find(RequestValidation.customerId(id),
				RequestValidation.positiveId("orderId", orderId)));
	}

	private static ResponseEntity<CreatedOrder> created(OrderService.Outcome outcome) {
		CreatedOrder order = outcome.order();
		ResponseEntity.BodyBuilder response = ResponseEntity.status(HttpStatus.CREATED)
			.location(URI.create("/api/customers/" + order.customerId() + "/orders/" + order.id()));
		if (outcome.replayed()) {
			response.header(LabHeaders.IDEMPOTENT_REPLAYED, "true");
		}
		return response.body(order);
	}

}
