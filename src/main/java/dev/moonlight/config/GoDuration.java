package dev.moonlight.config;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads durations written the way RoadRunner (Go's {@code time.ParseDuration}) writes
 * them: {@code 500ms}, {@code 60s}, {@code 1h30m}, {@code 1.5s}, {@code 100us},
 * {@code 0}. A bare number is read as seconds, which is what people mean even though
 * RoadRunner itself would read nanoseconds in some places.
 */
final class GoDuration {

	static final String REASON = "Unknown duration format; use Go durations such as 500ms, 60s, 1m.";

	private static final Pattern BARE_NUMBER = Pattern.compile("[0-9]+(\\.[0-9]+)?");

	private static final Pattern WHOLE = Pattern
		.compile("(?:(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(?:ns|us|µs|μs|ms|s|m|h))+");

	private static final Pattern PART = Pattern.compile("([0-9]*(?:\\.[0-9]*)?)(ns|us|µs|μs|ms|s|m|h)");

	private static final BigDecimal MAX_NANOS = BigDecimal.valueOf(Long.MAX_VALUE);

	private GoDuration() {
	}

	/**
	 * Whether the value has no unit, so the caller can warn that RoadRunner might read it
	 * differently.
	 */
	static boolean isBareNumber(String text) {
		return BARE_NUMBER.matcher(text.strip()).matches();
	}

	/**
	 * Parses a non-negative duration.
	 * @param value the raw value, whose origin any error names
	 * @return the duration
	 * @throws ConfigException for an unknown format or a negative duration
	 */
	static Duration parse(ConfigValue value) {
		String text = value.value().strip();
		if (text.startsWith("-")) {
			throw value.invalid("Duration must not be negative.");
		}
		if (text.startsWith("+")) {
			text = text.substring(1);
		}
		if (BARE_NUMBER.matcher(text).matches()) {
			return toDuration(new BigDecimal(text).multiply(BigDecimal.valueOf(1_000_000_000L)), value);
		}
		if (!WHOLE.matcher(text).matches()) {
			throw value.invalid(REASON);
		}
		BigDecimal nanos = BigDecimal.ZERO;
		Matcher part = PART.matcher(text);
		while (part.find()) {
			nanos = nanos
				.add(new BigDecimal(number(part.group(1))).multiply(BigDecimal.valueOf(unitNanos(part.group(2)))));
		}
		return toDuration(nanos, value);
	}

	private static String number(String text) {
		// Go accepts "1.s" and ".5s"; BigDecimal wants digits on both sides of the point.
		String withLeading = text.startsWith(".") ? "0" + text : text;
		return withLeading.endsWith(".") ? withLeading + "0" : withLeading;
	}

	private static long unitNanos(String unit) {
		return switch (unit) {
			case "ns" -> 1L;
			case "us", "µs", "μs" -> 1_000L;
			case "ms" -> 1_000_000L;
			case "s" -> 1_000_000_000L;
			case "m" -> 60_000_000_000L;
			default -> 3_600_000_000_000L;
		};
	}

	private static Duration toDuration(BigDecimal nanos, ConfigValue value) {
		if (nanos.compareTo(MAX_NANOS) > 0) {
			throw value.invalid("Duration is too long; the limit is about 292 years.");
		}
		// Go truncates below a nanosecond; so do we.
		return Duration.ofNanos(nanos.setScale(0, RoundingMode.DOWN).longValueExact());
	}

}
