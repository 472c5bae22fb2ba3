package dev.moonlight.server;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import dev.moonlight.config.ConfigNotice;
import dev.moonlight.config.ConfigValue;
import dev.moonlight.config.IniDocument;
import dev.moonlight.config.Origin;
import dev.moonlight.config.ProjectFiles;
import dev.moonlight.config.RrYaml;

/**
 * One settings section that may be written in either file: {@code [tls]} in settings.ini
 * or {@code http.ssl} in {@code .rr.yaml}. Keys are the RoadRunner names
 * ({@code client_auth_type}); the INI spelling is the same in any case
 * ({@code CLIENT_AUTH_TYPE}). A blank value counts as absent.
 */
final class SectionSource {

	private final IniDocument ini;

	private final String iniSection;

	private final RrYaml rr;

	private final String rrPath;

	private SectionSource(IniDocument ini, String iniSection, RrYaml rr, String rrPath) {
		this.ini = ini;
		this.iniSection = iniSection;
		this.rr = rr;
		this.rrPath = rrPath;
	}

	/**
	 * The section to read: settings.ini's when it has one (as settings.ini outranks
	 * .rr.yaml for the listen address), else .rr.yaml's, else none. When both files have
	 * it, the .rr.yaml one is reported as ignored.
	 */
	static Optional<SectionSource> choose(ProjectFiles files, String iniSection, String rrPath,
			Consumer<ConfigNotice> notices) {
		boolean inIni = !files.ini().section(iniSection).isEmpty();
		boolean inRr = files.rr().has(rrPath);
		if (inIni && inRr) {
			notices.accept(new ConfigNotice(files.rr().origin(rrPath),
					rrPath + " is ignored: " + IniDocument.FILE + " has a [" + iniSection + "] section, which wins.",
					true));
		}
		if (inIni) {
			return Optional.of(new SectionSource(files.ini(), iniSection, null, null));
		}
		return inRr ? Optional.of(new SectionSource(null, null, files.rr(), rrPath)) : Optional.empty();
	}

	/** The value of {@code key} when it is set and not blank. */
	Optional<ConfigValue> get(String key) {
		Optional<ConfigValue> value = (this.ini != null) ? this.ini.getIgnoreCase(this.iniSection, key)
				: this.rr.get(this.rrPath + "." + key);
		return value.filter((candidate) -> !candidate.isBlank());
	}

	/**
	 * Whether {@code key} is present at all, even as a sub-section (for keys that are
	 * refused).
	 */
	boolean has(String key) {
		return (this.ini != null) ? this.ini.getIgnoreCase(this.iniSection, key).isPresent()
				: this.rr.has(this.rrPath + "." + key);
	}

	/** How the user wrote {@code key} here: {@code http.ssl.key} or {@code [tls] KEY}. */
	String name(String key) {
		return (this.ini != null) ? "[" + this.iniSection + "] " + key.toUpperCase(Locale.ROOT)
				: this.rrPath + "." + key;
	}

	/**
	 * Where {@code key} is written, for errors about a key that is a section rather than
	 * a value.
	 */
	Origin origin(String key) {
		return get(key).map(ConfigValue::origin)
			.orElseGet(() -> (this.rr != null) ? this.rr.origin(this.rrPath + "." + key) : origin());
	}

	/** The section itself, for errors about a key that is missing. */
	Origin origin() {
		if (this.rr != null) {
			return this.rr.origin(this.rrPath);
		}
		Map<String, ConfigValue> values = this.ini.section(this.iniSection);
		int line = values.values().stream().mapToInt((value) -> value.origin().line()).min().orElse(0);
		return new Origin(IniDocument.FILE, line, "[" + this.iniSection + "]");
	}

}
