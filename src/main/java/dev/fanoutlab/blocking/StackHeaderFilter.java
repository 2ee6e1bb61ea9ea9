package dev.fanoutlab.blocking;

import java.io.IOException;

import dev.fanoutlab.api.LabHeaders;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Sets {@code X-Lab-Stack} before anything else runs, so that every response carries it:
 * errors, 404s and actuator included.
 */
class StackHeaderFilter extends OncePerRequestFilter {

	private final String stack;

	StackHeaderFilter(LabStack stack) {
		this.stack = stack.name();
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		response.setHeader(LabHeaders.STACK, this.stack);
		chain.doFilter(request, response);
	}

	@Override
	protected boolean shouldNotFilterErrorDispatch() {
		return false;
	}

}
