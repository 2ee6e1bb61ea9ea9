package dev.fanoutlab.downstream;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

import dev.fanoutlab.api.PaymentReply;

import org.springframework.stereotype.Component;

/**
 * The payments answered so far, so that a caller that lost the answer (its client left,
 * it crashed) can ask for the outcome, as real payment APIs allow. Bounded: it remembers
 * the last {@link #CAPACITY} keys and forgets the oldest first (a ring of keys beside a
 * concurrent map; no lock, no sort on the POST path). Only the verdict is kept: the
 * authorisation id is a function of the key, so an entry costs a key and a shared
 * {@link Boolean}, about 100 bytes; 100,000 keys ≈ 10 MB.
 */
@Component
class PaymentLedger {

	static final int CAPACITY = 100_000;

	private final Map<String, Boolean> approvedByKey = new ConcurrentHashMap<>();

	private final AtomicReferenceArray<String> ring;

	private final AtomicLong written = new AtomicLong();

	PaymentLedger() {
		this(CAPACITY);
	}

	PaymentLedger(int capacity) {
		this.ring = new AtomicReferenceArray<>(capacity);
	}

	void record(String key, PaymentReply reply) {
		if (this.approvedByKey.put(key, reply.approved()) == null) {
			int slot = (int) (this.written.getAndIncrement() % this.ring.length());
			String evicted = this.ring.getAndSet(slot, key);
			if (evicted != null && !evicted.equals(key)) {
				this.approvedByKey.remove(evicted);
			}
		}
	}

	Optional<PaymentReply> find(String key) {
		return Optional.ofNullable(this.approvedByKey.get(key))
			.map((approved) -> ReplyBodies.payment(key, approved ? 0 : PaymentReply.DECLINE_ABOVE_CENTS + 1));
	}

}
