package dev.moonlight.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.moonlight.config.ConfigException;
import dev.moonlight.config.ConfigValue;
import dev.moonlight.config.MoonlightSettings;
import dev.moonlight.config.Origin;
import dev.moonlight.config.RrYaml;
import dev.moonlight.dispatch.EarlyHints;

/**
 * Reads the static-files folder: RoadRunner's {@code http.static.dir} when set (it must
 * exist), else {@code public/} in the project folder when it exists. A folder that holds
 * the project's own configuration is refused, since {@code environment/.env} would be one
 * URL away.
 */
final class StaticSectionReader {

	private static final String EARLY_HINTS = "http.static.early_hints";

	/** A year: longer caching than this is a typo, not a policy. */
	private static final long MAX_AGE_LIMIT = 365L * 24 * 60 * 60;

	private final MoonlightSettings settings;

	private final RrYaml rr;

	StaticSectionReader(MoonlightSettings settings) {
		this.settings = settings;
		this.rr = settings.files().rr();
	}

	/**
	 * Whether there is a folder to serve; the condition behind the static-files beans
	 * asks before validation.
	 */
	static Optional<String> source(MoonlightSettings settings) {
		if (settings.files().rr().get("http.static.dir").filter((value) -> !value.isBlank()).isPresent()) {
			return Optional.of("http.static.dir in .rr.yaml");
		}
		return Files.isDirectory(settings.projectDir().resolve(StaticSection.DEFAULT_DIR))
				? Optional.of("the public/ folder") : Optional.empty();
	}

	Optional<StaticSection> read() {
		Optional<ConfigValue> dirValue = this.rr.get("http.static.dir").filter((value) -> !value.isBlank());
		Path dir;
		if (dirValue.isPresent()) {
			dir = configuredDir(dirValue.get());
		}
		else {
			dir = this.settings.projectDir().resolve(StaticSection.DEFAULT_DIR);
			if (!Files.isDirectory(dir)) {
				return Optional.empty();
			}
			dir = realPath(dir,
					new ConfigValue(StaticSection.DEFAULT_DIR, new Origin(StaticSection.DEFAULT_DIR, 0, null)));
		}
		long maxAge = this.rr.get("http.static.max_age")
			.filter((value) -> !value.isBlank())
			.map((value) -> value.asWholeNumber(0, MAX_AGE_LIMIT, "Max age must be whole seconds from 0 to 31536000."))
			.orElse(0L);
		return Optional.of(new StaticSection(dir, extensions("http.static.forbid"), extensions("http.static.allow"),
				maxAge, earlyHints()));
	}

	/**
	 * {@code http.static.early_hints}: a list of {@code path} (as the browser asks for
	 * it) and the {@code links} its 103 carries.
	 */
	private Map<String, List<String>> earlyHints() {
		Map<String, List<String>> hints = new LinkedHashMap<>();
		for (int i = 0; this.rr.has(EARLY_HINTS + "[" + i + "]"); i++) {
			String item = EARLY_HINTS + "[" + i + "]";
			ConfigValue path = this.rr.get(item + ".path")
				.filter((value) -> !value.isBlank())
				.orElseThrow(() -> new ConfigException(this.rr.origin(item), null,
						"Each early hint names the page it is for, such as path: /index.html."));
			if (!path.value().strip().startsWith("/")) {
				throw path.invalid("The path must start with /, as a browser asks for it.");
			}
			List<String> links = new ArrayList<>();
			for (ConfigValue link : this.rr.list(item + ".links")) {
				try {
					links.add(EarlyHints.checked(link.value().strip()));
				}
				catch (IllegalArgumentException ex) {
					throw link.invalid(ex.getMessage() + ".");
				}
			}
			if (links.isEmpty()) {
				throw new ConfigException(this.rr.origin(item), null,
						"links lists the Link values to send, such as \"</app.js>; rel=preload; as=script\".");
			}
			if (hints.put(path.value().strip(), List.copyOf(links)) != null) {
				throw path.invalid("This path already has its early hints above; list all its links there.");
			}
		}
		return hints;
	}

	private Path configuredDir(ConfigValue value) {
		Path dir = this.settings.projectDir().resolve(value.value().strip()).normalize();
		if (!Files.isDirectory(dir)) {
			throw value.invalid("The folder does not exist (" + dir + ").");
		}
		Path real = realPath(dir, value);
		Path project = realPath(this.settings.projectDir(), value);
		if (project.startsWith(real)) {
			throw value.invalid("Serving this folder would publish environment/ and .rr.yaml (" + real
					+ "); point it at a folder of public files, such as public.");
		}
		return real;
	}

	private static Path realPath(Path dir, ConfigValue value) {
		try {
			return dir.toRealPath();
		}
		catch (IOException ex) {
			throw new ConfigException(value.origin(), value.value(),
					"Cannot read the folder (" + dir + "): " + ex + ".");
		}
	}

	/**
	 * {@code [".php", "EXE"]} as {@code {".php", ".exe"}}: RoadRunner writes them with
	 * the dot, people not always.
	 */
	private Set<String> extensions(String path) {
		Set<String> extensions = new LinkedHashSet<>();
		for (ConfigValue item : this.rr.list(path)) {
			String text = item.value().strip().toLowerCase(Locale.ROOT);
			if (!text.isEmpty()) {
				extensions.add(text.startsWith(".") ? text : "." + text);
			}
		}
		return extensions;
	}

}
