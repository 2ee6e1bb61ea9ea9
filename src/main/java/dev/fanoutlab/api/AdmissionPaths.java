package dev.fanoutlab.api;

import org.springframework.http.server.RequestPath;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Which requests the admission limit (and the in-flight gauge) leaves out: the actuator
 * only, so that health is never refused. Everything else counts, however its path is
 * spelled: the test is the one the routers make, a {@link PathPattern} over the decoded
 * segments without path parameters, so {@code /%61pi/...}, {@code /api;x=1/...} and
 * {@code //api/...} are admitted or refused as {@code /api/...} is.
 */
public final class AdmissionPaths {

	private static final PathPattern EXEMPT = PathPatternParser.defaultInstance.parse("/actuator/**");

	private AdmissionPaths() {
	}

	public static boolean isExempt(RequestPath path) {
		return EXEMPT.matches(path.pathWithinApplication());
	}

	/** The same test for a servlet request's raw URI and context path. */
	public static boolean isExempt(String requestUri, String contextPath) {
		try {
			return isExempt(RequestPath.parse(requestUri, contextPath));
		}
		catch (IllegalArgumentException ex) {
			return false; // not a path a router matches: it counts
		}
	}

}
