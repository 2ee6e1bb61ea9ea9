package dev.fanoutlab.blocking;

import java.time.Duration;

import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * The connections to the simulator under whichever HTTP client the stack runs: request
 * factories for a read timeout, the limit on connections, and what is in use.
 */
interface DownstreamConnections {

	ClientHttpRequestFactory requestFactory(Duration readTimeout);

	/** Adds what the client needs on every request (a connection limit of our own). */
	RestClient.Builder customize(RestClient.Builder builder);

	int max();

	int inUse();

	int waiting();

	/** The client in words, as {@code /api/info} shows it. */
	String kind();

}
