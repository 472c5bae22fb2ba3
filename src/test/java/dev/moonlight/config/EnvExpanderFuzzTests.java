package dev.moonlight.config;

import java.util.List;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import dev.moonlight.testing.HostileText;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code ${VAR:-default}} expansion never throws: whatever is not a variable stays literal text. */
class EnvExpanderFuzzTests {

	@Property
	void expandingNeverThrowsAndTextWithoutDollarStaysAsItIs(@ForAll("values") String text) {
		String expanded = EnvExpander.expand(text, (name) -> name.startsWith("S") ? "${" + name + "}" : null);
		if (text.indexOf('$') < 0) {
			assertThat(expanded).isSameAs(text);
		}
	}

	@Provide
	Arbitrary<String> values() {
		return HostileText.anyTextOrMutationOf(List.of("${A}", "${A:-x}${SELF:-y}", "a${B:-${C}}b", "$${}${:-}${"));
	}

}
