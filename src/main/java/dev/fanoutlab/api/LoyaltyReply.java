package dev.fanoutlab.api;

/** The simulator's {@code loyalty} body. */
public record LoyaltyReply(String key, long points, String level) {

	public Loyalty toLoyalty() {
		return new Loyalty(this.points, this.level);
	}

}
