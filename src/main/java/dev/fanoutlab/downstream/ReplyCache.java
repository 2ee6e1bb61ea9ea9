package dev.fanoutlab.downstream;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/**
 * The serialised 200 bodies of the read services, built once per (service, key): each is
 * a pure function of both ({@link ReplyBodies}), so a repeated call writes bytes instead
 * of running Jackson again. The simulator is the instrument and must cost little beside
 * what it measures. Bounded: past {@link #MAX_KEYS} keys of one service it starts again
 * empty.
 */
@Component
class ReplyCache {

	/** A lab's keys are its customer and order ids: a few hundred. */
	static final int MAX_KEYS = 10_000;

	private final JsonBodies json;

	private final Map<Service, Map<String, Reply>> replies = new EnumMap<>(Service.class);

	ReplyCache(JsonBodies json) {
		this.json = json;
		for (Service service : Service.values()) {
			this.replies.put(service, new ConcurrentHashMap<>());
		}
	}

	Reply ok(Service service, String key) {
		Map<String, Reply> built = this.replies.get(service);
		Reply reply = built.get(key);
		if (reply == null) {
			if (built.size() >= MAX_KEYS) {
				built.clear();
			}
			reply = this.json.ok(ReplyBodies.of(service, key));
			built.put(key, reply);
		}
		return reply;
	}

}
