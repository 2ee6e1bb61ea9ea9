package dev.fanoutlab.docs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every relative link in README.md, docs/*.md and k6/README.md resolves to a file, and
 * its {@code #anchor} to a heading there; every {@code results/...} path they name
 * exists: a number quoted in the docs has its output beside it.
 */
class DocLinksTests {

	private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");

	private static final Pattern RESULTS_PATH = Pattern.compile("(?<![\\w/.-])(?:\\.\\./)*(results/[\\w./-]+)");

	static List<Path> documents() throws IOException {
		List<Path> documents = new ArrayList<>(List.of(Path.of("README.md"), Path.of("k6/README.md")));
		try (Stream<Path> docs = Files.list(Path.of("docs"))) {
			docs.filter((file) -> file.toString().endsWith(".md")).sorted().forEach(documents::add);
		}
		return documents;
	}

	@Test
	void everyLinkAndAnchorResolves() throws IOException {
		List<String> broken = new ArrayList<>();
		for (Path document : documents()) {
			broken.addAll(brokenLinks(document, Files.readString(document)));
		}
		assertThat(broken).as("links that resolve to nothing").isEmpty();
	}

	@Test
	void everyResultsPathNamesAFileOrFolder() throws IOException {
		List<String> missing = new ArrayList<>();
		for (Path document : documents()) {
			missing.addAll(missingResults(document, Files.readString(document)));
		}
		assertThat(missing).as("results/ paths that do not exist").isEmpty();
	}

	@Test
	void theChecksFindABrokenLinkAnAnchorAndAResultsPath() {
		Path readme = Path.of("README.md");
		assertThat(brokenLinks(readme,
				"[a](docs/nothing-here.md) [b](docs/running.md#no-such-heading) "
						+ "[c](docs/running.md) [d](https://example.org/x) [e](#a-tour-with-curl)"))
			.containsExactly("README.md: docs/nothing-here.md", "README.md: docs/running.md#no-such-heading");
		assertThat(missingResults(readme, "see results/1999-01-01/report.md and `results/`"))
			.containsExactly("README.md: results/1999-01-01/report.md");
	}

	static List<String> brokenLinks(Path document, String markdown) {
		List<String> broken = new ArrayList<>();
		Matcher link = LINK.matcher(stripCode(markdown));
		while (link.find()) {
			String target = link.group(1);
			if (target.matches("^[a-z]+:.*")) {
				continue;
			}
			int hash = target.indexOf('#');
			String file = (hash >= 0) ? target.substring(0, hash) : target;
			String anchor = (hash >= 0) ? target.substring(hash + 1) : null;
			Path resolved = file.isEmpty() ? document : document.resolveSibling(file).normalize();
			if (!Files.exists(resolved)) {
				broken.add(document + ": " + target);
			}
			else if (anchor != null && (!resolved.toString().endsWith(".md") || !anchors(resolved).contains(anchor))) {
				broken.add(document + ": " + target);
			}
		}
		return broken;
	}

	static List<String> missingResults(Path document, String markdown) {
		List<String> missing = new ArrayList<>();
		Matcher path = RESULTS_PATH.matcher(markdown);
		while (path.find()) {
			String name = path.group(1).replaceAll("[.,;:]+$", "");
			if (name.equals("results/") || name.equals("results")) {
				continue;
			}
			if (!Files.exists(Path.of(name))) {
				missing.add(document + ": " + name);
			}
		}
		return missing;
	}

	/** GitHub's anchors: headings lower-cased, punctuation dropped, spaces to dashes. */
	static Set<String> anchors(Path markdown) {
		Set<String> anchors = new TreeSet<>();
		try {
			for (String line : stripCode(Files.readString(markdown)).lines().toList()) {
				if (line.matches("^#{1,6} .*")) {
					String text = line.replaceFirst("^#+ ", "").trim().toLowerCase(Locale.ROOT);
					String slug = text.replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
					String unique = slug;
					for (int n = 1; anchors.contains(unique); n++) {
						unique = slug + "-" + n;
					}
					anchors.add(unique);
				}
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		return anchors;
	}

	/** Fenced code blocks hold commands and output, not links. */
	private static String stripCode(String markdown) {
		return markdown.replaceAll("(?ms)^```.*?^```", "");
	}

}
