package dev.moonlight.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code environment/settings.ini} as PHP's {@code parse_ini_file($file, true)} reads it:
 * sections and keys in file order, quotes stripped, {@code true/on/yes} as {@code "1"}
 * and {@code false/off/no/none/null} as {@code ""}, {@code key[] = v} as arrays. Keys are
 * case-sensitive as in PHP; the {@code IgnoreCase} lookups exist because Pionia code
 * reads {@code PORT} or {@code port}.
 */
public final class IniDocument {

	/** The file's path relative to the project directory. */
	public static final String FILE = "environment/settings.ini";

	/** The name under which keys written before the first {@code [section]} are kept. */
	public static final String GLOBAL = "";

	private static final IniDocument EMPTY = new IniDocument(Map.of(), Map.of());

	private final Map<String, Map<String, ConfigValue>> sections;

	private final Map<String, Map<String, List<ConfigValue>>> arrays;

	IniDocument(Map<String, Map<String, ConfigValue>> sections, Map<String, Map<String, List<ConfigValue>>> arrays) {
		this.sections = sections;
		this.arrays = arrays;
	}

	/** A document without sections, for a project that has no settings.ini. */
	public static IniDocument empty() {
		return EMPTY;
	}

	/**
	 * Parses the text of a settings.ini.
	 * @param text the file content
	 * @return the document
	 * @throws ConfigException naming {@code environment/settings.ini:LINE} for a
	 * malformed line
	 */
	public static IniDocument parse(String text) {
		return parse(text, FILE);
	}

	/**
	 * Parses a settings.ini read from somewhere other than the project folder, such as
	 * the defaults in the jar.
	 * @param text the file content
	 * @param file how errors and origins name the file
	 * @return the document
	 * @throws ConfigException naming {@code file:LINE} for a malformed line
	 */
	public static IniDocument parse(String text, String file) {
		return new IniParser(text, file).parse();
	}

	/**
	 * This document laid over {@code defaults}, key by key: each key written here wins
	 * (whatever its case), the others stay; a {@code key[]} array written here replaces
	 * the default array whole.
	 * @param defaults the document underneath, such as the one the jar carries
	 * @return the merged document
	 */
	public IniDocument over(IniDocument defaults) {
		if (defaults.sections.isEmpty() && defaults.arrays.isEmpty()) {
			return this;
		}
		Map<String, Map<String, ConfigValue>> sections = new LinkedHashMap<>();
		defaults.sections.forEach((name, values) -> sections.put(name, new LinkedHashMap<>(values)));
		this.sections.forEach((name, values) -> {
			Map<String, ConfigValue> merged = sections.computeIfAbsent(name, (key) -> new LinkedHashMap<>());
			values.keySet().forEach((key) -> merged.keySet().removeIf(key::equalsIgnoreCase));
			merged.putAll(values);
		});
		Map<String, Map<String, List<ConfigValue>>> arrays = new LinkedHashMap<>();
		defaults.arrays.forEach((name, values) -> arrays.put(name, new LinkedHashMap<>(values)));
		this.arrays
			.forEach((name, values) -> arrays.computeIfAbsent(name, (key) -> new LinkedHashMap<>()).putAll(values));
		return new IniDocument(freeze(sections), freezeArrays(arrays));
	}

	/**
	 * Section names in file order; {@link #GLOBAL} first when keys precede the first
	 * section.
	 */
	public Set<String> sections() {
		return this.sections.keySet();
	}

	/** Whether the file has the section (exact name, as PHP). */
	public boolean hasSection(String section) {
		return this.sections.containsKey(section);
	}

	/**
	 * The section's scalar values by key, in file order; empty when the section is
	 * absent.
	 */
	public Map<String, ConfigValue> section(String section) {
		return this.sections.getOrDefault(section, Map.of());
	}

	/** The value of {@code key} in {@code section}, exact key match. */
	public Optional<ConfigValue> get(String section, String key) {
		return Optional.ofNullable(section(section).get(key));
	}

	/**
	 * The value of {@code key} in {@code section}, ignoring the key's case; an exact
	 * match wins.
	 */
	public Optional<ConfigValue> getIgnoreCase(String section, String key) {
		Map<String, ConfigValue> values = section(section);
		ConfigValue exact = values.get(key);
		if (exact != null) {
			return Optional.of(exact);
		}
		String wanted = key.toLowerCase(Locale.ROOT);
		return values.entrySet()
			.stream()
			.filter((entry) -> entry.getKey().toLowerCase(Locale.ROOT).equals(wanted))
			.map(Map.Entry::getValue)
			.findFirst();
	}

	/**
	 * The text of {@code key} in {@code section} (case-insensitive), or
	 * {@code defaultValue} when absent.
	 */
	public String getString(String section, String key, String defaultValue) {
		return getIgnoreCase(section, key).map(ConfigValue::value).orElse(defaultValue);
	}

	/**
	 * The values of {@code key[] = ...} lines, in file order; {@code key[name] = ...}
	 * lines are included with {@code name} kept in the origin's key.
	 */
	public List<ConfigValue> array(String section, String key) {
		return this.arrays.getOrDefault(section, Map.of()).getOrDefault(key, List.of());
	}

	/**
	 * The value as a boolean (case-insensitive key). Understands {@code true/false},
	 * {@code on/off}, {@code yes/no}, {@code 1/0} and the empty value PHP makes of
	 * {@code false}.
	 * @return the boolean, or empty when the key is absent
	 * @throws ConfigException when the value is not one of those words
	 */
	public Optional<Boolean> bool(String section, String key) {
		return getIgnoreCase(section, key).map(ValueParsers::bool);
	}

	/** The same as {@link #bool(String, String)} with a default for an absent key. */
	public boolean bool(String section, String key, boolean defaultValue) {
		return bool(section, key).orElse(defaultValue);
	}

	static Map<String, Map<String, ConfigValue>> freeze(Map<String, Map<String, ConfigValue>> sections) {
		Map<String, Map<String, ConfigValue>> frozen = new LinkedHashMap<>();
		sections.forEach((name, values) -> frozen.put(name, Collections.unmodifiableMap(new LinkedHashMap<>(values))));
		return Collections.unmodifiableMap(frozen);
	}

	static Map<String, Map<String, List<ConfigValue>>> freezeArrays(
			Map<String, Map<String, List<ConfigValue>>> arrays) {
		Map<String, Map<String, List<ConfigValue>>> frozen = new LinkedHashMap<>();
		arrays.forEach((name, values) -> {
			Map<String, List<ConfigValue>> section = new LinkedHashMap<>();
			values.forEach((key, list) -> section.put(key, List.copyOf(list)));
			frozen.put(name, Collections.unmodifiableMap(section));
		});
		return Collections.unmodifiableMap(frozen);
	}

}
