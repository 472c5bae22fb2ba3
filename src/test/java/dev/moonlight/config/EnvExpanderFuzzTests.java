package dev.moonlight.config;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

import dev.moonlight.testing.FuzzExamples;
import dev.moonlight.testing.HostileText;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ${VAR:-default}} expansion never throws: whatever is not a variable stays
 * literal text.
 */
class EnvExpanderFuzzTests {

	@Test
	void expandingNeverThrowsAndTextWithoutDollarStaysAsItIs() {
		FuzzExamples.qt(FuzzExamples.IN_MEMORY).forAll(values()).checkAssert((text) -> {
			String expanded = EnvExpander.expand(text, (name) -> name.startsWith("S") ? "${" + name + "}" : null);
			if (text.indexOf('$') < 0) {
				assertThat(expanded).isSameAs(text);
			}
		});
	}

	private static Gen<String> values() {
		return HostileText.anyTextOrMutationOf(List.of("${A}", "${A:-x}${SELF:-y}", "a${B:-${C}}b", "$${}${:-}${"));
	}

}
