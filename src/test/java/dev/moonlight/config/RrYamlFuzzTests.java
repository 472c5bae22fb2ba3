package dev.moonlight.config;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.moonlight.testing.FuzzExamples;
import dev.moonlight.testing.HostileText;

/**
 * .rr.yaml is hand-edited: reading it, and then the {@code http} section, returns
 * settings or a {@link ConfigException} naming the line, whatever the text (anchors,
 * aliases, merge keys, tags, deep nesting). A capability that reads a section of its own
 * fuzzes it beside its reader ({@code JobsSectionFuzzTests}).
 */
class RrYamlFuzzTests {

	private static final List<String> VALID = List.of(TestProject.resource("rr-full.yaml"),
			TestProject.resource("rr-pool.yaml"), TestProject.resource("rr-expansion.yaml"),
			TestProject.resource("rr-dotted-keys.yaml"),
			"base: &b {num_workers: 2}\nhttp:\n  pool:\n    <<: *b\n    allocate_timeout: 60s\n",
			"jobs:\n  pipelines:\n    mail:\n      driver: memory\n      config: {priority: 10, prefetch: 5}\n",
			"http:\n  address: ${HTTP_ADDR:-127.0.0.1:8080}\n  max_request_size: 16\n  middleware: [gzip, headers]\n");

	@Test
	void readingAnyTextReturnsSettingsOrAConfigException() {
		FuzzExamples.qt(FuzzExamples.IN_MEMORY)
			.forAll(HostileText.anyTextOrMutationOf(VALID))
			.checkAssert((text) -> HostileText.onlyThrows(ConfigException.class, text, () -> readAll(text)));
	}

	private static void readAll(String text) {
		EnvLookup env = new EnvLookup((name) -> "HTTP_ADDR".equals(name) ? "${HTTP_ADDR}" : null, DotEnv.empty());
		RrYaml rr = RrYaml.parse(text, env::text);
		List<ConfigNotice> notices = new ArrayList<>();
		new HttpSectionReader(rr, 4, notices::add).read();
	}

}
