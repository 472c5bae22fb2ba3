package dev.moonlight.config;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

import dev.moonlight.testing.FuzzExamples;
import dev.moonlight.testing.HostileText;

/**
 * Go durations (.rr.yaml timeouts) and the other typed values: a value or a
 * {@link ConfigException}, never a crash.
 */
class GoDurationFuzzTests {

	private static final Origin ORIGIN = new Origin(RrYaml.FILE, 3, "http.pool.allocate_timeout");

	@Test
	void aDurationIsReadOrRefusedWithAConfigException() {
		FuzzExamples.qt(FuzzExamples.IN_MEMORY)
			.forAll(durations())
			.checkAssert((text) -> HostileText.onlyThrows(ConfigException.class, text,
					() -> GoDuration.parse(new ConfigValue(text, ORIGIN))));
	}

	@Test
	void numbersAndBooleansAreReadOrRefusedWithAConfigException() {
		FuzzExamples.qt(FuzzExamples.IN_MEMORY).forAll(durations()).checkAssert((text) -> {
			ConfigValue value = new ConfigValue(text, ORIGIN);
			HostileText.onlyThrows(ConfigException.class, text,
					() -> value.asWholeNumber(0, Long.MAX_VALUE, "a count"));
			HostileText.onlyThrows(ConfigException.class, text, value::asBoolean);
			HostileText.onlyThrows(ConfigException.class, text, value::asDuration);
		});
	}

	private static Gen<String> durations() {
		Gen<String> units = HostileText.stringsOf("0123456789.-+eE nsuµμmh", 0, 40);
		Gen<String> huge = HostileText.stringsOf("0123456789", 15, 400)
			.zip(Generate.pick(List.of("", "s", "h", "ns", ".5m", "h1ns")), String::concat);
		return Generate.oneOf(units, huge,
				HostileText.anyTextOrMutationOf(List.of("1h2m3.5s", "300ms", "1.5µs", "60", "0", ".5h", "2562047h")));
	}

}
