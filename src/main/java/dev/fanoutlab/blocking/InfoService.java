package dev.fanoutlab.blocking;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executor;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import dev.fanoutlab.api.AdmissionLimit;
import dev.fanoutlab.api.HttpConnectionRule;
import dev.fanoutlab.api.InfoResponse;
import dev.fanoutlab.api.InfoResponse.PoolInfo;
import dev.fanoutlab.api.LabProperties;
import org.apache.tomcat.util.threads.ThreadPoolExecutor;

import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.WebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.stereotype.Service;

/** The thread model and the real size of every pool in force, read from the pools. */
@Service
class InfoService {

	private final ApplicationContext context;

	private final DataSource dataSource;

	private final DownstreamConnections connections;

	private final FanoutExecutorConfiguration.FanoutPool fanout;

	private final Overviews overviews;

	private final CpuRunner cpu;

	private final LabStack stack;

	private final HttpConnectionRule httpRule;

	private final AdmissionConfiguration.Admission admission;

	InfoService(ApplicationContext context, DataSource dataSource, DownstreamConnections connections,
			FanoutExecutorConfiguration.FanoutPool fanout, Overviews overviews, CpuRunner cpu, LabStack stack,
			AdmissionConfiguration.Admission admission, LabProperties lab) {
		this.admission = admission;
		this.context = context;
		this.dataSource = dataSource;
		this.connections = connections;
		this.fanout = fanout;
		this.overviews = overviews;
		this.cpu = cpu;
		this.stack = stack;
		this.httpRule = HttpConnectionRule.of(lab, admission.limit());
	}

	InfoResponse info() {
		boolean virtual = this.stack.virtualThreads();
		Map<String, PoolInfo> pools = new LinkedHashMap<>();
		pools.put("server", virtual ? new PoolInfo(null, "Tomcat: one virtual thread per request")
				: new PoolInfo(tomcatMaxThreads(), "Tomcat request threads (platform)"));
		pools.put("db", new PoolInfo(hikariMax(), "HikariCP JDBC connection pool"));
		pools.put("http", new PoolInfo(this.connections.max(), this.connections.kind(), this.httpRule.rule()));
		pools.put("fanout",
				virtual ? new PoolInfo(null, "/api/fanout: one virtual thread per call (fanout-vt-N)")
						: new PoolInfo(this.fanout.threads(),
								"platform threads fanout-N with a bounded queue, for the overview's parts and "
										+ "/api/fanout's calls",
								this.fanout.rule()));
		pools.put("overview", this.overviews.threads());
		pools.put("cpu", this.cpu.threads());
		pools.put("admission", new PoolInfo(this.admission.limit(), AdmissionLimit.KIND, this.admission.rule(),
				this.admission.mode().name().toLowerCase(Locale.ROOT)));
		return new InfoResponse(this.stack.name(), "Tomcat",
				virtual ? "virtual thread per request" : "thread per request (platform threads)",
				Runtime.version().toString(), virtual, pools);
	}

	private Integer tomcatMaxThreads() {
		if (this.context instanceof WebServerApplicationContext web) {
			WebServer server = web.getWebServer();
			if (server instanceof TomcatWebServer tomcat) {
				Executor executor = tomcat.getTomcat().getConnector().getProtocolHandler().getExecutor();
				if (executor instanceof ThreadPoolExecutor pool) {
					return pool.getMaximumPoolSize();
				}
			}
		}
		return null;
	}

	private Integer hikariMax() {
		try {
			return this.dataSource.unwrap(HikariDataSource.class).getMaximumPoolSize();
		}
		catch (java.sql.SQLException ex) {
			return null;
		}
	}

}
