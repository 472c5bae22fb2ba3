package dev.moonlight.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * {@code .rr.yaml} flattened to dotted paths ({@code http.pool.num_workers}, list items
 * as {@code http.middleware[0]}), each value with its line. Keys are case-insensitive as
 * in RoadRunner, dotted short keys inside a section ({@code http: {pool.num_workers: 2}})
 * land on the same path, and {@code ${VAR}} / {@code ${VAR:-default}} are already
 * expanded.
 */
public final class RrYaml {

	/** The file's path relative to the project directory. */
	public static final String FILE = ".rr.yaml";

	private static final RrYaml EMPTY = new RrYaml(Map.of(), Map.of());

	private final Map<String, ConfigValue> scalars;

	// Where each path (section, list or value) is written; a merged file keeps each
	// path's own file and line.
	private final Map<String, Origin> places;

	RrYaml(Map<String, ConfigValue> scalars, Map<String, Origin> places) {
		this.scalars = scalars;
		this.places = places;
	}

	/** A file without sections, for a project that has no .rr.yaml. */
	public static RrYaml empty() {
		return EMPTY;
	}

	/**
	 * Parses the text of a .rr.yaml.
	 * @param text the file content
	 * @param env variable lookup for {@code ${VAR}} expansion (process environment first,
	 * then .env)
	 * @return the flattened file
	 * @throws ConfigException naming {@code .rr.yaml:LINE} and SnakeYAML's problem for
	 * malformed YAML
	 */
	public static RrYaml parse(String text, Function<String, String> env) {
		return parse(text, env, FILE);
	}

	/**
	 * Parses a .rr.yaml read from somewhere other than the project folder, such as the
	 * defaults in the jar.
	 * @param text the file content
	 * @param env variable lookup for {@code ${VAR}} expansion
	 * @param file how errors and origins name the file
	 * @return the flattened file
	 * @throws ConfigException naming {@code file:LINE} and SnakeYAML's problem for
	 * malformed YAML
	 */
	public static RrYaml parse(String text, Function<String, String> env, String file) {
		return new RrYamlReader(env, file).read(text);
	}

	/**
	 * This file laid over {@code defaults}, path by path: each value written here wins,
	 * the others stay. A list written here replaces the default list whole (items are not
	 * merged by position).
	 * @param defaults the file underneath, such as the one the jar carries
	 * @return the merged file
	 */
	public RrYaml over(RrYaml defaults) {
		if (defaults.places.isEmpty()) {
			return this;
		}
		// What a default must give way to whole: a list written here, and anything under
		// a value written here.
		Set<String> replaced = new LinkedHashSet<>();
		this.places.keySet().forEach((path) -> {
			for (int i = path.indexOf('['); i > 0; i = path.indexOf('[', i + 1)) {
				replaced.add(path.substring(0, i + 1));
			}
		});
		this.scalars.keySet().forEach((path) -> {
			replaced.add(path + "[");
			replaced.add(path + ".");
		});
		Map<String, ConfigValue> scalars = new LinkedHashMap<>();
		Map<String, Origin> places = new LinkedHashMap<>();
		defaults.places.forEach((path, origin) -> {
			if (replaced.stream().noneMatch(path::startsWith)) {
				places.put(path, origin);
				if (defaults.scalars.containsKey(path)) {
					scalars.put(path, defaults.scalars.get(path));
				}
			}
		});
		places.putAll(this.places);
		scalars.putAll(this.scalars);
		return new RrYaml(Collections.unmodifiableMap(scalars), Collections.unmodifiableMap(places));
	}

	/**
	 * Whether the path is present as a section, list or value (RoadRunner enables a
	 * plugin by its section).
	 */
	public boolean has(String path) {
		String key = normalize(path);
		if (this.places.containsKey(key)) {
			return true;
		}
		// A section written only through dotted short keys (http: {pool.num_workers: 2})
		// has no line of its own.
		return this.places.keySet().stream().anyMatch((candidate) -> candidate.startsWith(key + "."));
	}

	/**
	 * The scalar at the path (a YAML null is the empty string); empty for absent paths
	 * and sections.
	 */
	public Optional<ConfigValue> get(String path) {
		return Optional.ofNullable(this.scalars.get(normalize(path)));
	}

	/** The scalar's text, or {@code defaultValue} when absent or blank. */
	public String getString(String path, String defaultValue) {
		return get(path).filter((value) -> !value.isBlank()).map(ConfigValue::value).orElse(defaultValue);
	}

	/** The scalar items of a list in order; a single scalar counts as a list of one. */
	public List<ConfigValue> list(String path) {
		String key = normalize(path);
		List<ConfigValue> items = new ArrayList<>();
		for (int i = 0; this.scalars.containsKey(key + "[" + i + "]"); i++) {
			items.add(this.scalars.get(key + "[" + i + "]"));
		}
		if (items.isEmpty() && this.scalars.containsKey(key)) {
			items.add(this.scalars.get(key));
		}
		return List.copyOf(items);
	}

	/**
	 * Immediate child names of a section in file order, such as the pipeline names under
	 * {@code jobs.pipelines}.
	 */
	public Set<String> childNames(String path) {
		String prefix = normalize(path) + ".";
		Set<String> names = new LinkedHashSet<>();
		for (String key : this.places.keySet()) {
			if (key.startsWith(prefix)) {
				names.add(firstSegment(key.substring(prefix.length())));
			}
		}
		return names;
	}

	/** The top-level section names in file order ({@code version}, {@code http}, ...). */
	public Set<String> sections() {
		Set<String> names = new LinkedHashSet<>();
		this.places.keySet().forEach((key) -> names.add(firstSegment(key)));
		return names;
	}

	/**
	 * Every scalar below a section, keyed by its path relative to the section, in file
	 * order.
	 */
	public Map<String, ConfigValue> scalarsUnder(String path) {
		String prefix = normalize(path) + ".";
		Map<String, ConfigValue> values = new LinkedHashMap<>();
		this.scalars.forEach((key, value) -> {
			if (key.startsWith(prefix)) {
				values.put(key.substring(prefix.length()), value);
			}
		});
		return values;
	}

	/**
	 * Where the path is written (line 0 when absent), for errors about sections rather
	 * than values.
	 */
	public Origin origin(String path) {
		String key = normalize(path);
		Origin written = this.places.get(key);
		if (written != null) {
			return written;
		}
		// A section written only through dotted keys (http.pool.num_workers: 2) is where
		// its first key is.
		return this.places.entrySet()
			.stream()
			.filter((place) -> place.getKey().startsWith(key + ".") || place.getKey().startsWith(key + "["))
			.findFirst()
			.map((place) -> new Origin(place.getValue().file(), place.getValue().line(), key))
			.orElse(new Origin(FILE, 0, key));
	}

	private static String normalize(String path) {
		return path.toLowerCase(Locale.ROOT);
	}

	private static String firstSegment(String relative) {
		int end = relative.length();
		for (int i = 0; i < relative.length(); i++) {
			char c = relative.charAt(i);
			if (c == '.' || (c == '[' && i > 0)) {
				end = i;
				break;
			}
		}
		return relative.substring(0, end);
	}

}
