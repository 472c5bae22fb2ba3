package dev.moonlight.dispatch;

import java.time.Instant;

import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ser.std.StdSerializer;

/**
 * Writes an {@code Instant} as the text {@link Instant#toString()} gives
 * ({@code 2024-01-01T13:00:00Z}, a fraction in groups of three digits when there is one),
 * without a {@code DateTimeFormatter}: formatting through one cost more than the rest of
 * a task row together. Years outside 0000–9999, which ISO-8601 writes with a sign, go
 * through {@code toString()}.
 */
final class IsoInstantSerializer extends StdSerializer<Instant> {

	private static final long SECONDS_PER_DAY = 86_400;

	/**
	 * 0000-01-01T00:00:00Z and 10000-01-01T00:00:00Z in epoch seconds: the years written
	 * without a sign.
	 */
	private static final long FIRST_SECOND = -62_167_219_200L;

	private static final long END_SECOND = 253_402_300_800L;

	IsoInstantSerializer() {
		super(Instant.class);
	}

	@Override
	public void serialize(Instant value, JsonGenerator generator, SerializationContext context) {
		long seconds = value.getEpochSecond();
		if (seconds < FIRST_SECOND || seconds >= END_SECOND) {
			generator.writeString(value.toString());
			return;
		}
		char[] text = new char[30];
		int length = format(seconds, value.getNano(), text);
		generator.writeString(text, 0, length);
	}

	/**
	 * Writes {@code yyyy-MM-ddTHH:mm:ss[.fff[fff[fff]]]Z} into {@code text}; answers its
	 * length.
	 */
	static int format(long epochSecond, int nano, char[] text) {
		long days = Math.floorDiv(epochSecond, SECONDS_PER_DAY);
		int secondOfDay = (int) Math.floorMod(epochSecond, SECONDS_PER_DAY);
		writeDate(days, text);
		text[10] = 'T';
		digits(secondOfDay / 3600, 2, text, 11);
		text[13] = ':';
		digits(secondOfDay / 60 % 60, 2, text, 14);
		text[16] = ':';
		digits(secondOfDay % 60, 2, text, 17);
		int end = 19;
		if (nano != 0) {
			text[end++] = '.';
			if (nano % 1_000_000 == 0) {
				end = digits(nano / 1_000_000, 3, text, end);
			}
			else if (nano % 1_000 == 0) {
				end = digits(nano / 1_000, 6, text, end);
			}
			else {
				end = digits(nano, 9, text, end);
			}
		}
		text[end++] = 'Z';
		return end;
	}

	/**
	 * Days since 1970-01-01 to a proleptic Gregorian date, counted in 400-year eras that
	 * start on March 1st, so that the leap day ends a year.
	 */
	private static void writeDate(long epochDay, char[] text) {
		long shifted = epochDay + 719_468;
		long era = Math.floorDiv(shifted, 146_097);
		int dayOfEra = (int) (shifted - era * 146_097);
		int yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
		int dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
		int shiftedMonth = (5 * dayOfYear + 2) / 153;
		int day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1;
		int month = (shiftedMonth < 10) ? shiftedMonth + 3 : shiftedMonth - 9;
		long year = yearOfEra + era * 400 + ((month <= 2) ? 1 : 0);
		digits((int) year, 4, text, 0);
		text[4] = '-';
		digits(month, 2, text, 5);
		text[7] = '-';
		digits(day, 2, text, 8);
	}

	/**
	 * Writes {@code value} as {@code width} digits, zero-padded, at {@code at}; answers
	 * the index after them.
	 */
	private static int digits(int value, int width, char[] text, int at) {
		int remaining = value;
		for (int index = at + width - 1; index >= at; index--) {
			text[index] = (char) ('0' + remaining % 10);
			remaining /= 10;
		}
		return at + width;
	}

}
