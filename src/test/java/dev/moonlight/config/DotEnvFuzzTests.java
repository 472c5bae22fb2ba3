package dev.moonlight.config;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

import dev.moonlight.testing.FuzzExamples;
import dev.moonlight.testing.HostileText;

/**
 * environment/.env is hand-edited: entries or a {@link ConfigException}, whatever the
 * text.
 */
class DotEnvFuzzTests {

	@Test
	void readingAnyTextReturnsEntriesOrAConfigException() {
		FuzzExamples.qt(FuzzExamples.IN_MEMORY)
			.forAll(dotEnv())
			.checkAssert(
					(text) -> HostileText.onlyThrows(ConfigException.class, text, () -> DotEnv.parse(text).entries()));
	}

	private static Gen<String> dotEnv() {
		return HostileText.anyTextOrMutationOf(List.of(TestProject.resource("env-full.env"),
				"export A=\"x\\ty\\\\\"\nB='single'\nC=plain # comment\n"));
	}

}
