package dev.moonlight.config;

import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Tells the user, once at boot, about every part of {@code .rr.yaml} that will have no
 * effect: a top-level section Moonlight does not read
 * ({@code .rr.yaml:12: section "kv" is not supported and is ignored}), a RoadRunner
 * section that means nothing in a JVM ({@code server}: there is no worker command), and a
 * key of a section Moonlight reads that it does not know (a misspelling) or cannot honour
 * ({@code metrics.collect}). The sections themselves are read by their capabilities.
 */
final class RrSections {

	/** Sections a Moonlight capability reads. */
	private static final Set<String> READ = Set.of("version", "http", "rpc", "jobs", "amqp", "tcp", "status", "metrics",
			"logs", "reload");

	/**
	 * RoadRunner sections that have no meaning here, and why; logged as information,
	 * since a RoadRunner file carries them as a matter of course.
	 */
	private static final Map<String, String> NOT_APPLICABLE = Map.of("server",
			"actions run inside the JVM, so there is no worker command or relay to start", "endure",
			"shutdown is bounded by http.pool.destroy_timeout", "envfile", "environment/.env is read without it");

	/** The keys each section understands; any other is reported. */
	private static final Map<String, Set<String>> KEYS = Map.of("status",
			Set.of("address", "unavailable_status_code", "check_timeout", "unready_delay"), "metrics",
			Set.of("address", "collect"), "reload", Set.of("interval", "patterns", "services"), "logs",
			Set.of("mode", "level", "encoding", "output", "err_output", "error_output", "line_ending",
					"file_logger_options", "channels"),
			"http.uploads", Set.of("dir", "forbid", "allow"));

	/** Known keys that are accepted without effect, and why. */
	private static final Map<String, String> ACCEPTED_WITHOUT_EFFECT = Map.of("status.check_timeout",
			"the checks read state the server keeps and never wait", "metrics.collect",
			"declare application meters with Micrometer (a MeterRegistry bean) instead of RPC collectors",
			"reload.patterns",
			"any change to the class path or to a watched folder restarts (see docs/configuration.md)",
			"logs.err_output", "error lines go where the other lines go", "logs.error_output",
			"error lines go where the other lines go", "logs.line_ending", "every line ends with a line feed");

	private final RrYaml rr;

	private final Consumer<ConfigNotice> notices;

	RrSections(RrYaml rr, Consumer<ConfigNotice> notices) {
		this.rr = rr;
		this.notices = notices;
	}

	void report() {
		for (String section : this.rr.sections()) {
			Origin origin = this.rr.origin(section);
			String why = NOT_APPLICABLE.get(section);
			if (why != null) {
				this.notices.accept(new ConfigNotice(origin,
						"section \"" + section + "\" is RoadRunner's and is ignored: " + why + ".", false));
			}
			else if (!READ.contains(section)) {
				this.notices.accept(
						new ConfigNotice(origin, "section \"" + section + "\" is not supported and is ignored.", true));
			}
		}
		KEYS.forEach(this::reportKeys);
		this.rr.scalarsUnder("reload.services").forEach((key, value) -> {
			if (!key.matches("[^.]+\\.dirs(\\[\\d+])?")) {
				this.notices.accept(
						new ConfigNotice(value.origin(),
								"reload.services." + key
										+ " has no effect: a service's dirs are watched whole, every file in them.",
								true));
			}
		});
		this.rr.scalarsUnder("logs.channels").forEach((key, value) -> {
			if (!key.endsWith(".level")) {
				this.notices.accept(new ConfigNotice(value.origin(), "logs.channels." + key
						+ " is ignored: a channel sets only its level; the other settings are the logs section's.",
						true));
			}
		});
	}

	private void reportKeys(String section, Set<String> known) {
		for (String key : this.rr.childNames(section)) {
			String path = section + "." + key;
			Origin origin = this.rr.origin(path);
			String why = ACCEPTED_WITHOUT_EFFECT.get(path);
			if (!known.contains(key)) {
				this.notices.accept(new ConfigNotice(origin,
						path + " is not a key of " + section + " and is ignored; check the spelling.", true));
			}
			else if (why != null) {
				this.notices.accept(new ConfigNotice(origin, path + " is accepted and has no effect: " + why + ".",
						!"status.check_timeout".equals(path)));
			}
		}
	}

}
