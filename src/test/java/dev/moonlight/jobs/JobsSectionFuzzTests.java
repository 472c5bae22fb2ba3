package dev.moonlight.jobs;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.moonlight.config.ConfigException;
import dev.moonlight.config.ConfigNotice;
import dev.moonlight.config.DotEnv;
import dev.moonlight.config.IniDocument;
import dev.moonlight.config.ProjectFiles;
import dev.moonlight.config.RrYaml;
import dev.moonlight.testing.FuzzExamples;
import dev.moonlight.testing.HostileText;

/**
 * The {@code jobs} section of a hand-edited .rr.yaml: reading it returns the section or a
 * {@link ConfigException} naming the line, whatever the text (anchors, aliases, merge
 * keys, tags, deep nesting).
 */
class JobsSectionFuzzTests {

	private static final List<String> VALID = List.of(
			"jobs:\n  pipelines:\n    mail:\n      driver: memory\n      config: {priority: 10, prefetch: 5}\n",
			"amqp:\n  addr: amqp://u:p@rabbit:5672/\njobs:\n  pool:\n    num_workers: 2\n    destroy_timeout: 5s\n"
					+ "  consume: [broker, jdbc]\n  pipelines:\n    broker:\n      driver: amqp\n      config:\n"
					+ "        queue: q.jobs\n        priority: 5\n        prefetch: 50\n    jdbc:\n      driver: jdbc\n"
					+ "      config:\n        lease: 5s\n        visibility_timeout: 60s\n        poll_interval: 100ms\n",
			"base: &b {driver: jdbc, config: {lease: 3s}}\njobs:\n  pipelines:\n    jdbc:\n      <<: *b\n"
					+ "    other: *b\n  consume: [jdbc, other]\n");

	@Test
	void readingAnyTextReturnsTheSectionOrAConfigException() {
		FuzzExamples.qt(FuzzExamples.IN_MEMORY)
			.forAll(HostileText.anyTextOrMutationOf(VALID))
			.checkAssert((text) -> HostileText.onlyThrows(ConfigException.class, text, () -> read(text)));
	}

	private static void read(String text) {
		ProjectFiles files = new ProjectFiles(IniDocument.empty(), DotEnv.empty(), RrYaml.parse(text, (name) -> null));
		List<ConfigNotice> notices = new ArrayList<>();
		new JobsSectionReader(files, (name) -> null, notices::add).read();
	}

}
