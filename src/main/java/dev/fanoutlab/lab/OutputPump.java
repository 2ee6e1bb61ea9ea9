package dev.fanoutlab.lab;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import dev.fanoutlab.Role;

/**
 * Copies one output stream of a child to the launcher's console, line by line, each line
 * prefixed with the child's role so that four interleaved logs stay readable.
 */
final class OutputPump implements Runnable {

	private static final int ROLE_WIDTH = 10;

	private final InputStream source;

	private final PrintStream target;

	private final String prefix;

	private OutputPump(InputStream source, PrintStream target, String prefix) {
		this.source = source;
		this.target = target;
		this.prefix = prefix;
	}

	/** Starts a daemon thread that pumps until the child closes the stream. */
	static Thread start(Role role, String streamName, InputStream source, PrintStream target) {
		Thread thread = new Thread(new OutputPump(source, target, prefix(role)), "lab-" + role.id() + "-" + streamName);
		thread.setDaemon(true);
		thread.start();
		return thread;
	}

	static String prefix(Role role) {
		return "[" + String.format("%-" + ROLE_WIDTH + "s", role.id()) + "] ";
	}

	@Override
	public void run() {
		try (BufferedReader reader = new BufferedReader(new InputStreamReader(this.source, StandardCharsets.UTF_8))) {
			String line;
			while ((line = reader.readLine()) != null) {
				this.target.println(this.prefix + line);
			}
		}
		catch (IOException ex) {
			// the child is gone and took its pipe with it: nothing left to copy
		}
	}

}
