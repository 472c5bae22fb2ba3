package dev.moonlight.config;

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
		try {
			if (BARE_NUMBER.matcher(text).matches()) {
				return Duration.ofNanos(nanos(text, unitNanos("s")));
			}
			if (!WHOLE.matcher(text).matches()) {
				throw value.invalid(REASON);
			}
			long nanos = 0;
			Matcher part = PART.matcher(text);
			while (part.find()) {
				nanos = Math.addExact(nanos, nanos(part.group(1), unitNanos(part.group(2))));
			}
			return Duration.ofNanos(nanos);
		}
		catch (ArithmeticException ex) {
			throw value.invalid("Duration is too long; the limit is about 292 years.");
		}
	}

	/**
	 * {@code digits} ({@code 1.5}, {@code .5}, {@code 1.}) units of {@code unit}
	 * nanoseconds, truncated below a nanosecond as Go truncates. Exact in long
	 * arithmetic: BigDecimal's first use costs a boot tens of milliseconds.
	 * @throws ArithmeticException beyond {@link Long#MAX_VALUE} nanoseconds
	 */
	private static long nanos(String digits, long unit) {
		int point = digits.indexOf('.');
		String whole = (point < 0) ? digits : digits.substring(0, point);
		long nanos = 0;
		for (int i = 0; i < whole.length(); i++) {
			nanos = Math.addExact(Math.multiplyExact(nanos, 10), whole.charAt(i) - '0');
		}
		nanos = Math.multiplyExact(nanos, unit);
		// floor(unit × 0.d1…dn) by Horner's rule from the last digit: nested floor
		// divisions by 10 give the floor of the whole, and no step exceeds 10 × unit.
		long fraction = 0;
		for (int i = digits.length() - 1; point >= 0 && i > point; i--) {
			fraction = ((digits.charAt(i) - '0') * unit + fraction) / 10;
		}
		return Math.addExact(nanos, fraction);
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

}
