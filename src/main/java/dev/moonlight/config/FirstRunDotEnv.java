package dev.moonlight.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.moonlight.storage.PrivateFiles;

/**
 * A fresh checkout's first run: when {@code environment/.env} is missing,
 * {@code environment/.env.example} exists and {@code APP_ENV} (process environment) is
 * not production, writes {@code .env} from the example with every blank secret line
 * ({@code JWT_SECRET=}, {@code APP_KEY=}) filled with 32 random bytes in hex. So the
 * README's run command works with no set-up, while the repository itself never holds a
 * secret. Production is left alone: there a missing secret must stop the boot rather than
 * be invented on one machine.
 */
final class FirstRunDotEnv {

	/** The example file's path relative to the project directory. */
	static final String EXAMPLE = "environment/.env.example";

	/** The variables generated when the example leaves them blank. */
	static final List<String> SECRETS = List.of("JWT_SECRET", "APP_KEY");

	static final int SECRET_BYTES = 32;

	/**
	 * {@code NAME=} with nothing after it but blanks or a {@code  # comment};
	 * {@code export } allowed.
	 */
	private static final Pattern BLANK_ASSIGNMENT = Pattern
		.compile("^(\\s*(?:export\\s+)?([A-Za-z_][A-Za-z0-9_.]*)\\s*=)\\s*(?:(?:\"\"|'')\\s*)?(\\s#.*)?$");

	private final SecureRandom random;

	FirstRunDotEnv(SecureRandom random) {
		this.random = random;
	}

	/**
	 * Creates {@code environment/.env} when the rules above allow it.
	 * @param dir the project directory
	 * @param processEnv the process environment, for {@code APP_ENV}
	 * @param notices told once when the file was created (the secrets are never part of a
	 * notice)
	 * @throws ConfigException when the example cannot be read or {@code .env} cannot be
	 * written
	 */
	void createIfMissing(Path dir, Function<String, String> processEnv, Consumer<ConfigNotice> notices) {
		Path target = dir.resolve(DotEnv.FILE);
		Path example = dir.resolve(EXAMPLE);
		String appEnv = processEnv.apply("APP_ENV");
		if (Files.exists(target) || !Files.isRegularFile(example)
				|| (appEnv != null && AppSettings.isProduction(appEnv))) {
			return;
		}
		List<String> generated = new ArrayList<>();
		String text = fill(read(example), generated);
		if (write(target, text)) {
			String which = generated.isEmpty() ? "no blank secret to fill" : "fresh " + String.join(" and ", generated);
			notices
				.accept(new ConfigNotice(new Origin(DotEnv.FILE, 0, null), "Created from " + EXAMPLE + " with " + which
						+ " (first run). It is git-ignored: keep it private, and set your own values in production.",
						false));
		}
	}

	/**
	 * The example's text with each blank secret line filled; names the filled variables
	 * in {@code generated}.
	 */
	String fill(String example, List<String> generated) {
		String[] lines = example.split("\n", -1);
		for (int i = 0; i < lines.length; i++) {
			boolean crlf = lines[i].endsWith("\r");
			String line = crlf ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
			Matcher blank = BLANK_ASSIGNMENT.matcher(line);
			if (blank.matches() && SECRETS.contains(blank.group(2))) {
				String comment = (blank.group(3) != null) ? blank.group(3) : "";
				lines[i] = blank.group(1) + secret() + comment + (crlf ? "\r" : "");
				generated.add(blank.group(2));
			}
		}
		return String.join("\n", lines);
	}

	private String secret() {
		byte[] bytes = new byte[SECRET_BYTES];
		random.nextBytes(bytes);
		return HexFormat.of().formatHex(bytes);
	}

	private static String read(Path example) {
		try {
			return Files.readString(example);
		}
		catch (IOException ex) {
			throw new ConfigException(new Origin(EXAMPLE, 0, null), null, "Cannot read the file (" + ex + ").", ex);
		}
	}

	/**
	 * Creates the file, readable by its owner only; false when another process created it
	 * first.
	 */
	private static boolean write(Path target, String text) {
		try {
			// Never replaces an existing file, so two first runs at once cannot overwrite
			// each other's secrets.
			return PrivateFiles.createNew(target, text);
		}
		catch (IOException ex) {
			throw new ConfigException(new Origin(DotEnv.FILE, 0, null), null,
					"Cannot create the file from " + EXAMPLE + " (" + ex + "). Copy it by hand.", ex);
		}
	}

}
