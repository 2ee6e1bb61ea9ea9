package dev.fanoutlab.reactive;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import dev.fanoutlab.api.AdmissionLimit;
import dev.fanoutlab.api.HttpConnectionRule;
import dev.fanoutlab.api.InfoResponse;
import dev.fanoutlab.api.InfoResponse.PoolInfo;
import dev.fanoutlab.api.LabProperties;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.PoolMetrics;
import io.r2dbc.spi.ConnectionFactory;

import org.springframework.stereotype.Service;

/** The thread model and the real size of every pool in force. */
@Service
class InfoService {

	private final ConnectionFactory connectionFactory;

	private final HttpConnectionRule httpRule;

	private final AdmissionFilter admission;

	InfoService(ConnectionFactory connectionFactory, LabProperties lab, AdmissionFilter admission) {
		this.admission = admission;
		this.connectionFactory = connectionFactory;
		this.httpRule = HttpConnectionRule.of(lab, admission.limit());
	}

	InfoResponse info() {
		Map<String, PoolInfo> pools = new LinkedHashMap<>();
		pools.put("server", new PoolInfo(DownstreamHttpConfig.EVENT_LOOP_THREADS,
				"Reactor Netty event loop threads (server and WebClient)"));
		pools.put("db", new PoolInfo(dbPoolMax(), "R2DBC connection pool (r2dbc-pool)"));
		pools.put("http", new PoolInfo(this.httpRule.maxConnections(), "Reactor Netty connections to the simulator",
				this.httpRule.rule()));
		pools.put("fanout", new PoolInfo(null, "none: the event loop does not wait"));
		pools.put("cpu", new PoolInfo(CpuSchedulerConfiguration.THREADS,
				"cpu scheduler: one thread per core, queue of " + CpuSchedulerConfiguration.QUEUE_CAPACITY));
		AdmissionLimit.Decision admission = this.admission.decision();
		pools.put("admission", new PoolInfo(admission.limit(), AdmissionLimit.KIND, admission.rule(),
				admission.mode().name().toLowerCase(Locale.ROOT)));
		return new InfoResponse("reactive", "Reactor Netty", "event loop", Runtime.version().toString(), false, pools);
	}

	private Integer dbPoolMax() {
		if (this.connectionFactory instanceof ConnectionPool pool) {
			return pool.getMetrics().map(PoolMetrics::getMaxAllocatedSize).orElse(null);
		}
		return null;
	}

}
