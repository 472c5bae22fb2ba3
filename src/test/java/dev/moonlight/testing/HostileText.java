package dev.moonlight.testing;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;
import static org.quicktheories.generators.SourceDSL.strings;

/**
 * QuickTheories generators for the parsers' fuzzers: arbitrary text (control characters,
 * any unicode, long lines, unbalanced quotes and brackets) and valid inputs with random
 * edits, which reach the parser's deeper states that random text never does. Edits are
 * data (position, cut, insertion), so a failure shrinks to fewer, smaller edits.
 */
public final class HostileText {

	/**
	 * The characters that change a parser's state: quotes, brackets, separators, escapes,
	 * line ends, odd code points.
	 */
	private static final String SPECIAL = "\"'`[]{}()<>=:;,#&%$\\/.-+*!?@|~^_ \t\r\n\u0000\u0001\u001b\u007f\u0085\u00a0\u2028\ufeff\ud800\udc00\uffff0129eEnNxX";

	private HostileText() {
	}

	/**
	 * Short and medium strings over every char, biased to the special ones; now and then
	 * a very long line.
	 */
	public static Gen<String> anyText() {
		Gen<String> special = stringsOf(SPECIAL, 0, 80);
		Gen<String> unicode = strings().allPossible().ofLengthBetween(0, 60);
		Gen<String> printable = strings().ascii().ofLengthBetween(0, 120);
		Gen<String> deep = Generate.pick(List.of("[", "{\"a\":", "{", "- ", "  ", "\""))
			.zip(integers().between(100, 20_000), String::repeat);
		return Generate.frequency(List.of(Pair.of(5, special), Pair.of(3, unicode), Pair.of(3, printable),
				Pair.of(1, longLine()), Pair.of(1, deep)))
			.describedAs(HostileText::shown);
	}

	/**
	 * Strings of {@code minLength} to {@code maxLength} characters, each one of
	 * {@code chars}.
	 */
	public static Gen<String> stringsOf(String chars, int minLength, int maxLength) {
		List<Character> alphabet = chars.chars().mapToObj((c) -> (char) c).collect(Collectors.toList());
		return lists().of(Generate.pick(alphabet))
			.ofSizeBetween(minLength, maxLength)
			.map((picked) -> picked.stream().map(String::valueOf).collect(Collectors.joining()));
	}

	/**
	 * 5,000 to 70,000 special characters, drawn from a generated seed: one draw a
	 * character would make every example record tens of thousands of draws for shrinking,
	 * which a long line does not need.
	 */
	private static Gen<String> longLine() {
		return longs().all().zip(integers().between(5_000, 70_000), (seed, length) -> {
			SplittableRandom random = new SplittableRandom(seed);
			StringBuilder line = new StringBuilder(length);
			for (int i = 0; i < length; i++) {
				line.append(SPECIAL.charAt(random.nextInt(SPECIAL.length())));
			}
			return line.toString();
		});
	}

	/** One of {@code valid} with 1 to 6 random edits. */
	public static Gen<String> mutationsOf(List<String> valid) {
		Gen<Edit> edit = integers().between(0, 100_000)
			.zip(integers().between(0, 12), stringsOf(SPECIAL, 0, 6), Edit::new);
		return Generate.pick(valid)
			.zip(lists().of(edit).ofSizeBetween(1, 6), HostileText::apply)
			.describedAs(HostileText::shown);
	}

	/** Either kind, evenly. */
	public static Gen<String> anyTextOrMutationOf(List<String> valid) {
		return Generate.oneOf(anyText(), mutationsOf(valid));
	}

	/**
	 * Bytes that need not be UTF-8: the text's bytes with random bytes spliced in (lone
	 * continuation bytes, 0xFF).
	 */
	public static Gen<byte[]> bytesOf(Gen<String> text) {
		Gen<byte[]> noise = Generate.byteArrays(integers().between(0, 200),
				Generate.bytes(Byte.MIN_VALUE, Byte.MAX_VALUE, (byte) 0));
		return text.zip(noise, integers().between(0, 100_000), HostileText::splice).describedAs(HostileText::shown);
	}

	/** The UTF-8 bytes of the text. */
	public static Gen<byte[]> utf8Of(Gen<String> text) {
		return text.map((value) -> value.getBytes(StandardCharsets.UTF_8)).describedAs(HostileText::shown);
	}

	private static byte[] splice(String base, byte[] noise, int at) {
		byte[] bytes = base.getBytes(StandardCharsets.UTF_8);
		int cut = (bytes.length == 0) ? 0 : at % (bytes.length + 1);
		byte[] out = new byte[bytes.length + noise.length];
		System.arraycopy(bytes, 0, out, 0, cut);
		System.arraycopy(noise, 0, out, cut, noise.length);
		System.arraycopy(bytes, cut, out, cut + noise.length, bytes.length - cut);
		return out;
	}

	private static String apply(String text, List<Edit> edits) {
		StringBuilder out = new StringBuilder(text);
		for (Edit edit : edits) {
			int at = edit.position() % (out.length() + 1);
			int end = Math.min(out.length(), at + edit.cut());
			out.replace(at, end, edit.insert());
		}
		return out.toString();
	}

	/**
	 * Replace {@code cut} characters at {@code position} (modulo the length) with
	 * {@code insert}.
	 */
	private record Edit(int position, int cut, String insert) {
	}

	/**
	 * Runs {@code parse} and fails unless it returns or throws {@code own} (the parser's
	 * error type): any other exception or error (NPE, index out of bounds,
	 * NumberFormatException, StackOverflowError) is a parser bug.
	 */
	public static void onlyThrows(Class<? extends Throwable> own, Object input, ThrowingRunnable parse) {
		try {
			parse.run();
		}
		catch (Throwable thrown) {
			if (!own.isInstance(thrown)) {
				throw new AssertionError(
						"the parser threw " + thrown + " instead of " + own.getSimpleName() + " for " + shown(input),
						thrown);
			}
		}
	}

	/**
	 * The input as a failure report shows it: bytes as Latin-1, cut after 300 characters.
	 */
	public static String shown(Object input) {
		String text = (input instanceof byte[] bytes) ? new String(bytes, StandardCharsets.ISO_8859_1)
				: String.valueOf(input);
		return (text.length() > 300) ? text.substring(0, 300) + "... (" + text.length() + " chars)" : text;
	}

	/** A parse that may throw anything. */
	@FunctionalInterface
	public interface ThrowingRunnable {

		void run() throws Throwable;

	}

}
