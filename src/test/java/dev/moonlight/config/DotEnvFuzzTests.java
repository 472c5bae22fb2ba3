package dev.moonlight.config;

import java.util.List;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import dev.moonlight.testing.HostileText;

/** environment/.env is hand-edited: entries or a {@link ConfigException}, whatever the text. */
class DotEnvFuzzTests {

	@Property
	void readingAnyTextReturnsEntriesOrAConfigException(@ForAll("dotEnv") String text) {
		HostileText.onlyThrows(ConfigException.class, text, () -> DotEnv.parse(text).entries());
	}

	@Provide
	Arbitrary<String> dotEnv() {
		return HostileText.anyTextOrMutationOf(List.of(TestProject.resource("env-full.env"),
				"export A=\"x\\ty\\\\\"\nB='single'\nC=plain # comment\n"));
	}

}
