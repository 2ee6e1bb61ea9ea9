package dev.fanoutlab;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.Optional;

import dev.fanoutlab.lab.ParentWatch;

/**
 * The one entry point of the jar: the first argument picks the role, the rest goes to
 * Spring Boot.
 */
public final class FanoutLab {

	private FanoutLab() {
	}

	public static void main(String[] args) {
		Optional<Role> role = (args.length == 0) ? Optional.empty() : Role.find(args[0]);
		if (role.isEmpty()) {
			printUsage(System.err, (args.length == 0) ? null : args[0]);
			System.exit(2);
			return;
		}
		// a child of the lab role exits when its launcher is gone
		ParentWatch.installIfRequested();
		role.get().start(Arrays.copyOfRange(args, 1, args.length));
	}

	static void printUsage(PrintStream out, String given) {
		if (given != null) {
			out.println("Unknown role: " + given);
		}
		out.println("Usage: java -jar fanout-lab.jar <role> [--spring.property=value ...]");
		out.println();
		out.println("Roles:");
		for (Role role : Role.values()) {
			out.printf("  %-11s %s%n", role.id(), role.description());
		}
	}

}
