package dev.fanoutlab.contract;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/api.md and each stack's OpenAPI document describe the same API: the same
 * operations (method and path), each with the same status codes; and both name the answer
 * admission can give on every {@code /api/*} operation of every stack, {@code 503} with
 * {@code Retry-After} (AdmissionContractTests shows the stacks give it).
 */
class ApiDocumentTests extends ContractTestSupport {

	/** {@code | `GET /api/path` | reactive codes | blocking and virtual codes | ...} */
	private static final Pattern ROW = Pattern
		.compile("^\\| `(GET|POST|PUT|PATCH|DELETE) (/[^`]*)` \\| ([-0-9, ]+) \\| ([-0-9, ]+) \\|", Pattern.MULTILINE);

	@EachStack
	void theOpenApiDocumentMatchesDocsApiMd(String stack) throws IOException {
		Map<String, Set<String>> documented = documentedIn(Files.readString(Path.of("docs/api.md")), stack);
		assertThat(documented).as("operations docs/api.md lists for %s", stack).isNotEmpty();
		assertThat(openApiOperations(stack)).isEqualTo(documented);
	}

	@EachStack
	void everyApiOperationDocumentsAdmissionsRefusalWithRetryAfter(String stack) throws IOException {
		JsonNode paths = get(stack, "/v3/api-docs").json().path("paths");
		Map<String, JsonNode> refusals = new TreeMap<>();
		for (String path : paths.propertyNames()) {
			if (path.startsWith("/api/")) {
				for (String method : paths.path(path).propertyNames()) {
					refusals.put(method.toUpperCase() + " " + path,
							paths.path(path).path(method).path("responses").path("503"));
				}
			}
		}
		assertThat(refusals).as("/api/* operations of %s", stack).isNotEmpty();
		refusals.forEach((operation, refusal) -> {
			assertThat(refusal.isObject()).as("503 of %s on %s", operation, stack).isTrue();
			assertThat(refusal.path("description").asString()).as("503 of %s", operation).contains("overloaded");
			assertThat(refusal.path("headers").has("Retry-After")).as("Retry-After of %s", operation).isTrue();
		});
		Map<String, Set<String>> documented = documentedIn(Files.readString(Path.of("docs/api.md")), stack);
		assertThat(documented).allSatisfy((operation, codes) -> {
			if (operation.contains(" /api/")) {
				assertThat(codes).as("docs/api.md statuses of %s on %s", operation, stack).contains("503");
			}
		});
	}

	/** "GET /api/info" → its status codes, for the operations the stack documents. */
	static Map<String, Set<String>> documentedIn(String markdown, String stack) {
		Map<String, Set<String>> operations = new TreeMap<>();
		Matcher row = ROW.matcher(markdown);
		while (row.find()) {
			String codes = ("reactive".equals(stack) ? row.group(3) : row.group(4)).trim();
			if (!codes.equals("-")) {
				Set<String> statuses = new TreeSet<>();
				for (String code : codes.split(",")) {
					statuses.add(code.trim());
				}
				operations.put(row.group(1) + " " + row.group(2), statuses);
			}
		}
		return operations;
	}

	private Map<String, Set<String>> openApiOperations(String stack) {
		JsonNode paths = get(stack, "/v3/api-docs").json().path("paths");
		assertThat(paths.isObject()).as("paths of %s /v3/api-docs", stack).isTrue();
		Map<String, Set<String>> operations = new TreeMap<>();
		for (String path : paths.propertyNames()) {
			JsonNode item = paths.path(path);
			for (String method : item.propertyNames()) {
				operations.put(method.toUpperCase() + " " + path,
						new TreeSet<>(item.path(method).path("responses").propertyNames()));
			}
		}
		return operations;
	}

}
