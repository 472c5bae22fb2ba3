package dev.moonlight.testing;

import java.nio.charset.StandardCharsets;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * jqwik generators for the parsers' fuzzers: arbitrary text (control characters, any unicode, long lines, unbalanced
 * quotes and brackets) and valid inputs with random edits, which reach the parser's deeper states that random text
 * never does. Edits are data (position, cut, insertion), so a failure shrinks to the fewest smallest edits.
 */
public final class HostileText {

	/** The characters that change a parser's state: quotes, brackets, separators, escapes, line ends, odd code points. */
	private static final char[] SPECIAL = "\"'`[]{}()<>=:;,#&%$\\/.-+*!?@|~^_ \t\r\n\u0000\u0001\u001b\u007f\u0085\u00a0\u2028\ufeff\ud800\udc00\uffff0129eEnNxX"
		.toCharArray();

	private HostileText() {
	}

	/** Short and medium strings over every char, biased to the special ones; now and then a very long line. */
	public static Arbitrary<String> anyText() {
		Arbitrary<String> special = Arbitraries.strings().withChars(SPECIAL).ofMaxLength(80);
		Arbitrary<String> unicode = Arbitraries.strings().all().ofMaxLength(60);
		Arbitrary<String> printable = Arbitraries.strings().ascii().ofMaxLength(120);
		Arbitrary<String> longLine = Arbitraries.strings().withChars(SPECIAL).ofMinLength(5_000).ofMaxLength(70_000);
		Arbitrary<String> deep = Arbitraries.of("[", "{\"a\":", "{", "- ", "  ", "\"").flatMap((open) -> Arbitraries
			.integers().between(100, 20_000).map(open::repeat));
		return Arbitraries.frequencyOf(Tuple.of(5, special), Tuple.of(3, unicode), Tuple.of(3, printable),
				Tuple.of(1, longLine), Tuple.of(1, deep));
	}

	/** One of {@code valid} with 1 to 6 random edits. */
	public static Arbitrary<String> mutationsOf(List<String> valid) {
		Arbitrary<Edit> edit = Combinators.combine(Arbitraries.integers().between(0, 100_000),
				Arbitraries.integers().between(0, 12), Arbitraries.strings().withChars(SPECIAL).ofMaxLength(6))
			.as(Edit::new);
		return Combinators.combine(Arbitraries.of(valid), edit.list().ofMinSize(1).ofMaxSize(6))
			.as(HostileText::apply);
	}

	/** Either kind, evenly. */
	public static Arbitrary<String> anyTextOrMutationOf(List<String> valid) {
		return Arbitraries.oneOf(anyText(), mutationsOf(valid));
	}

	/** Bytes that need not be UTF-8: the text's bytes with random bytes spliced in (lone continuation bytes, 0xFF). */
	public static Arbitrary<byte[]> bytesOf(Arbitrary<String> text) {
		Arbitrary<byte[]> raw = Arbitraries.bytes().array(byte[].class).ofMaxSize(200);
		return Combinators.combine(text, raw, Arbitraries.integers().between(0, 100_000)).as((base, noise, at) -> {
			byte[] bytes = base.getBytes(StandardCharsets.UTF_8);
			int cut = (bytes.length == 0) ? 0 : at % (bytes.length + 1);
			byte[] out = new byte[bytes.length + noise.length];
			System.arraycopy(bytes, 0, out, 0, cut);
			System.arraycopy(noise, 0, out, cut, noise.length);
			System.arraycopy(bytes, cut, out, cut + noise.length, bytes.length - cut);
			return out;
		});
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

	/** Replace {@code cut} characters at {@code position} (modulo the length) with {@code insert}. */
	private record Edit(int position, int cut, String insert) {
	}

	/**
	 * Runs {@code parse} and fails unless it returns or throws {@code own} (the parser's error type): any other
	 * exception or error (NPE, index out of bounds, NumberFormatException, StackOverflowError) is a parser bug.
	 */
	public static void onlyThrows(Class<? extends Throwable> own, Object input, ThrowingRunnable parse) {
		try {
			parse.run();
		}
		catch (Throwable thrown) {
			if (!own.isInstance(thrown)) {
				throw new AssertionError("the parser threw " + thrown + " instead of " + own.getSimpleName()
						+ " for " + shown(input), thrown);
			}
		}
	}

	private static String shown(Object input) {
		String text = (input instanceof byte[] bytes) ? new String(bytes, StandardCharsets.ISO_8859_1) : String.valueOf(input);
		return (text.length() > 300) ? text.substring(0, 300) + "... (" + text.length() + " chars)" : text;
	}

	/** A parse that may throw anything. */
	@FunctionalInterface
	public interface ThrowingRunnable {

		void run() throws Throwable;

	}

}
