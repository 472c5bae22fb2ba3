package dev.moonlight.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.assertj.core.api.Assertions;
import org.assertj.core.api.ThrowableAssertAlternative;

/**
 * A project directory under a JUnit temp dir, filled from scenario files in
 * {@code src/test/resources/config/}.
 */
final class TestProject {

	private final Path dir;

	private final Map<String, String> processEnv = new HashMap<>();

	private TestProject(Path dir) {
		this.dir = dir;
	}

	static TestProject in(Path dir) {
		return new TestProject(dir);
	}

	/** The text of a scenario file such as {@code settings-full.ini}. */
	static String resource(String name) {
		try (InputStream in = TestProject.class.getResourceAsStream("/config/" + name)) {
			if (in == null) {
				throw new IllegalArgumentException("No test resource config/" + name);
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	TestProject ini(String text) {
		return write(IniDocument.FILE, text);
	}

	TestProject dotEnv(String text) {
		return write(DotEnv.FILE, text);
	}

	TestProject rr(String text) {
		return write(RrYaml.FILE, text);
	}

	TestProject env(String name, String value) {
		this.processEnv.put(name, value);
		return this;
	}

	/**
	 * Asserts that loading this project fails with a {@link ConfigException}, for checks
	 * on its message.
	 */
	ThrowableAssertAlternative<ConfigException> failsToLoad() {
		return Assertions.assertThatExceptionOfType(ConfigException.class).isThrownBy(this::load);
	}

	Path dir() {
		return this.dir;
	}

	MoonlightSettings load() {
		return load(CliOverrides.none());
	}

	MoonlightSettings load(CliOverrides cli) {
		return MoonlightConfigLoader.load(this.dir, this.processEnv::get, cli, (notice) -> {
		});
	}

	TestProject write(String file, String text) {
		try {
			Path path = this.dir.resolve(file);
			Files.createDirectories(path.getParent());
			Files.writeString(path, text);
			return this;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
