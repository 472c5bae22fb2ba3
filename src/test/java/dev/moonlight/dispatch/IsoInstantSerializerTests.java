package dev.moonlight.dispatch;

import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The wire mapper's own instant writer gives exactly what {@code Instant.toString()}
 * does.
 */
class IsoInstantSerializerTests {

	private final JsonMapper mapper = MoonlightJson.create().mapper();

	@Test
	void edgesOfDaysMonthsLeapYearsErasAndFractions() {
		List<Instant> instants = List.of(Instant.EPOCH, Instant.parse("2024-01-01T13:00:00Z"),
				Instant.parse("2024-02-29T23:59:59Z"), Instant.parse("2023-02-28T23:59:59.999Z"),
				Instant.parse("2000-02-29T00:00:00.000001Z"), Instant.parse("1900-03-01T00:00:00.123456789Z"),
				Instant.parse("1969-12-31T23:59:59.100Z"), Instant.parse("0000-01-01T00:00:00Z"),
				Instant.parse("9999-12-31T23:59:59.999999999Z"), Instant.parse("1600-12-31T12:00:00.120Z"),
				Instant.ofEpochSecond(0, 10), Instant.ofEpochSecond(-1, 999_000_000));
		instants.forEach(this::writesAsToString);
	}

	@Test
	void yearsThatNeedASignFallBackToToString() {
		writesAsToString(Instant.parse("-0001-12-31T23:59:59Z"));
		writesAsToString(Instant.parse("+10000-01-01T00:00:00Z"));
		writesAsToString(Instant.MIN);
		writesAsToString(Instant.MAX);
	}

	@Test
	void randomInstantsOverTenThousandYears() {
		SplittableRandom random = new SplittableRandom(20261203);
		char[] text = new char[30];
		for (int i = 0; i < 200_000; i++) {
			long second = random.nextLong(-62_167_219_200L, 253_402_300_800L);
			int nano = switch (i % 4) {
				case 0 -> 0;
				case 1 -> random.nextInt(1000) * 1_000_000;
				case 2 -> random.nextInt(1_000_000) * 1_000;
				default -> random.nextInt(1_000_000_000);
			};
			Instant instant = Instant.ofEpochSecond(second, nano);
			int length = IsoInstantSerializer.format(second, nano, text);
			assertThat(new String(text, 0, length)).as("%s", instant).isEqualTo(instant.toString());
		}
	}

	private void writesAsToString(Instant instant) {
		assertThat(this.mapper.writeValueAsString(instant)).as("%s", instant).isEqualTo("\"" + instant + "\"");
	}

}
