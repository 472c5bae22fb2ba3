package dev.moonlight.config;

import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import dev.moonlight.testing.HostileText;

/** Go durations (.rr.yaml timeouts) and the other typed values: a value or a {@link ConfigException}, never a crash. */
class GoDurationFuzzTests {

	private static final Origin ORIGIN = new Origin(RrYaml.FILE, 3, "http.pool.allocate_timeout");

	@Property
	void aDurationIsReadOrRefusedWithAConfigException(@ForAll("durations") String text) {
		HostileText.onlyThrows(ConfigException.class, text, () -> GoDuration.parse(new ConfigValue(text, ORIGIN)));
	}

	@Property
	void numbersAndBooleansAreReadOrRefusedWithAConfigException(@ForAll("durations") String text) {
		ConfigValue value = new ConfigValue(text, ORIGIN);
		HostileText.onlyThrows(ConfigException.class, text, () -> value.asWholeNumber(0, Long.MAX_VALUE, "a count"));
		HostileText.onlyThrows(ConfigException.class, text, value::asBoolean);
		HostileText.onlyThrows(ConfigException.class, text, value::asDuration);
	}

	@Provide
	Arbitrary<String> durations() {
		Arbitrary<String> units = Arbitraries.strings().withChars("0123456789.-+eE nsuµμmh").ofMaxLength(40);
		Arbitrary<String> huge = Arbitraries.strings().numeric().ofMinLength(15).ofMaxLength(400)
			.flatMap((digits) -> Arbitraries.of("", "s", "h", "ns", ".5m", "h1ns").map(digits::concat));
		return Arbitraries.oneOf(units, huge,
				HostileText.anyTextOrMutationOf(List.of("1h2m3.5s", "300ms", "1.5µs", "60", "0", ".5h", "2562047h")));
	}

}
