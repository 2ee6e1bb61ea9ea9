package dev.fanoutlab.docs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * README.md and docs/*.md describe today's lab to its users: no issue numbers, branch
 * names, review findings or talk about who works on it, and no dated notebook sections.
 * History lives in results/&lt;run&gt;/NOTES.md and in git.
 */
class DocLanguageTests {

	static final Map<String, Pattern> RULES = Map.of("an issue number",
			Pattern.compile("(?i)\\bissues? ?#?\\d+|(?<![\\w/&])#\\d{1,4}\\b"), "a branch name",
			Pattern.compile("(?i)\\bbranch `|\\bon branch\\b|\\bbranch [a-z-]+/"), "a review finding",
			Pattern.compile("(?i)\\bfinding \\d+|\\(review\\)|\\breviewer"), "team talk",
			Pattern.compile(
					"(?i)\\bother engineers\\b|\\bengineers'|\\bthe team\\b|\\bhelpers?\\b|\\bthe lead\\b|\\bwe (?:decided|found|changed)\\b"),
			"a time of day instead of a date", Pattern.compile(
					"(?i)\\bthis (?:morning|evening|afternoon)\\b|\\btonight\\b|\\bthe night's\\b|\\bthe morning's\\b"));

	/**
	 * A heading that names a date or a time of day: a notebook entry, not a reference.
	 */
	static final Pattern DATED_HEADING = Pattern
		.compile("(?m)^#{1,6} .*(?:\\b20\\d\\d-\\d\\d-\\d\\d\\b|\\((?:night|morning|evening|afternoon)\\)).*$");

	/**
	 * Pages this check does not read yet: docs/results.md still carries the prose of
	 * earlier runs beside its generated report blocks (its links are checked).
	 */
	static final List<Path> NOT_YET_CHECKED = List.of();

	static List<Path> documents() throws IOException {
		List<Path> documents = new ArrayList<>(DocLinksTests.documents());
		documents.remove(Path.of("k6/README.md"));
		documents.removeAll(NOT_YET_CHECKED);
		return documents;
	}

	@Test
	void theDocsSpeakToUsersOfTodaysLab() throws IOException {
		List<String> found = new ArrayList<>();
		for (Path document : documents()) {
			found.addAll(violations(document, Files.readString(document)));
		}
		assertThat(found).as("text for the maintainers' notebook, not for the docs").isEmpty();
	}

	@Test
	void theRulesCatchWhatTheyName() {
		Path doc = Path.of("docs/x.md");
		assertThat(violations(doc, "Fixed in issue 11, see #12.")).hasSize(1);
		assertThat(violations(doc, "bounded on branch `perf`")).hasSize(1);
		assertThat(violations(doc, "Finding 9 says so")).hasSize(1);
		assertThat(violations(doc, "six other engineers shared the host")).hasSize(1);
		assertThat(violations(doc, "as measured this morning")).hasSize(1);
		assertThat(violations(doc, "## A 2 GiB heap, 2026-12-06\n")).hasSize(1);
		assertThat(violations(doc, "## No timer, 2026-12-06 (night)\n")).hasSize(1);
		assertThat(violations(doc, "Measured on 2026-12-07 ([report](../results/x/report.md)), `#anchor`.\n"))
			.isEmpty();
	}

	static List<String> violations(Path document, String markdown) {
		List<String> found = new ArrayList<>();
		String[] lines = markdown.split("\n", -1);
		for (int i = 0; i < lines.length; i++) {
			String line = lines[i];
			for (Map.Entry<String, Pattern> rule : RULES.entrySet()) {
				if (rule.getValue().matcher(line).find()) {
					found.add(document + ":" + (i + 1) + " " + rule.getKey() + ": " + line.strip());
				}
			}
			if (DATED_HEADING.matcher(line).matches()) {
				found.add(document + ":" + (i + 1) + " a dated section heading: " + line.strip());
			}
		}
		return found;
	}

}
