package dev.fanoutlab.api;

/** The simulator's {@code shipping} body; the key is an order id. */
public record ShippingReply(String key, String carrier, String status, String eta) {

	public Shipment toShipment(long orderId) {
		return new Shipment(orderId, this.carrier, this.status, this.eta);
	}

}
