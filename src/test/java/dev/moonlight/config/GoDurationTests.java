package dev.moonlight.config;

import java.time.Duration;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class GoDurationTests {

	private static final Origin ORIGIN = new Origin(RrYaml.FILE, 7, "http.pool.allocate_timeout");

	@ParameterizedTest(name = "{0} is {1} ms")
	@CsvSource({ "60s, 60000", "500ms, 500", "1m, 60000", "1h30m, 5400000", "1.5s, 1500", "2h2m1s, 7321000", "0, 0",
			"0s, 0", "60, 60000", "1.5, 1500", ".5s, 500", "+3s, 3000" })
	void readsGoDurationsAndBareSeconds(String text, long millis) {
		assertThat(GoDuration.parse(new ConfigValue(text, ORIGIN))).as(text).isEqualTo(Duration.ofMillis(millis));
	}

	@ParameterizedTest(name = "{0} is {1} ns")
	@CsvSource({ "100us, 100000", "100µs, 100000", "7ns, 7", "1.0000000005s, 1000000000", "1.s, 1000000000",
			"0.0000000019s, 1", "1.999999999999999999999s, 1999999999", ".3333333333333333h, 1199999999999",
			"9223372036.854775807, 9223372036854775807", "2562047h47m16.854775807s, 9223372036854775807",
			"1.5ns0.5ns, 1" })
	void keepsSubMillisecondPrecisionAndTruncatesBelowANanosecond(String text, long nanos) {
		assertThat(GoDuration.parse(new ConfigValue(text, ORIGIN))).as(text).isEqualTo(Duration.ofNanos(nanos));
	}

	@ParameterizedTest
	@ValueSource(strings = { "ten seconds", "5x", "s", "1 s", "1d", "", "1.2.3s", "+ 0", "+ 1s", "+" })
	void rejectsUnknownFormatsNamingTheKey(String text) {
		assertThatExceptionOfType(ConfigException.class)
			.isThrownBy(() -> GoDuration.parse(new ConfigValue(text, ORIGIN)))
			.withMessage(".rr.yaml:7: http.pool.allocate_timeout = \"" + text + "\": " + GoDuration.REASON);
	}

	@ParameterizedTest
	@ValueSource(strings = { "-1s", "-5" })
	void rejectsNegativeDurations(String text) {
		assertThatExceptionOfType(ConfigException.class)
			.isThrownBy(() -> GoDuration.parse(new ConfigValue(text, ORIGIN)))
			.withMessageEndingWith("Duration must not be negative.");
	}

	@ParameterizedTest
	@ValueSource(strings = { "60", "1.5" })
	void recognisesBareNumbers(String text) {
		assertThat(GoDuration.isBareNumber(text)).isTrue();
		assertThat(GoDuration.isBareNumber(text + "s")).isFalse();
	}

	@ParameterizedTest
	@ValueSource(strings = { "9223372036.854775808s", "2562048h", "9223372036854775808ns",
			"99999999999999999999999999s", "2562047h47m16.854775807s1ns" })
	void refusesDurationsBeyondTheLongestNamingTheKey(String text) {
		assertThatExceptionOfType(ConfigException.class)
			.isThrownBy(() -> GoDuration.parse(new ConfigValue(text, ORIGIN)))
			.withMessageContaining("too long")
			.withMessageContaining("http.pool.allocate_timeout");
	}

}
