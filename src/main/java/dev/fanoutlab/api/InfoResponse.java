package dev.fanoutlab.api;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The answer of {@code GET /api/info}: the thread model and the real size of every pool
 * in force. Pool keys: {@code server}, {@code db}, {@code http}, {@code fanout},
 * {@code cpu}, {@code admission}, and on the thread stacks {@code overview}.
 */
public record InfoResponse(String stack, String server, String threadModel, String javaVersion, boolean virtualThreads,
		Map<String, PoolInfo> pools) {

	/**
	 * One pool: its maximum size ({@code null} when it has none, as with one virtual
	 * thread per task), what it is and, where a rule sizes it, the rule; the admission
	 * limit also says its overload mode ({@code queue} or {@code shed}).
	 */
	public record PoolInfo(Integer max, String kind, @JsonInclude(JsonInclude.Include.NON_NULL) String rule,
			@JsonInclude(JsonInclude.Include.NON_NULL) String mode) {

		public PoolInfo(Integer max, String kind) {
			this(max, kind, null, null);
		}

		public PoolInfo(Integer max, String kind, String rule) {
			this(max, kind, rule, null);
		}

	}

}
