package dev.fanoutlab.api;

/** The simulator's {@code payments} answer: {@code APPROVED} or {@code DECLINED}. */
public record PaymentReply(String authorizationId, String status) {

	public static final String APPROVED = "APPROVED";

	public static final String DECLINED = "DECLINED";

	/** Amounts above this many cents are declined. */
	public static final long DECLINE_ABOVE_CENTS = 1_000_000;

	public boolean approved() {
		return APPROVED.equals(this.status);
	}

}
