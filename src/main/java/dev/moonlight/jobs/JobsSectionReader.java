package dev.moonlight.jobs;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

import dev.moonlight.config.ConfigException;
import dev.moonlight.config.ConfigNotice;
import dev.moonlight.config.ConfigValue;
import dev.moonlight.config.PoolSection;
import dev.moonlight.config.ProjectFiles;
import dev.moonlight.config.RrYaml;

/**
 * Builds {@link JobsSection} from {@code [jobs]} and {@code .rr.yaml}: defaults first,
 * then validation naming file, line and key. {@code [jobs] PIPELINE} may name a pipeline
 * declared in {@code jobs.pipelines} or, without one, a driver ({@code jdbc}), which
 * declares a pipeline of that name with every default.
 */
final class JobsSectionReader {

	static final String SECTION = "jobs";

	private static final Set<String> CONFIG_KEYS = Set.of("priority", "prefetch", "lease", "visibility_timeout",
			"poll_interval", "queue", "republish_after");

	/**
	 * The shortest lease: renewed every third of it, a shorter one would be mostly
	 * renewals.
	 */
	private static final Duration MIN_LEASE = Duration.ofSeconds(1);

	private final ProjectFiles files;

	private final RrYaml rr;

	private final Function<String, String> env;

	private final Consumer<ConfigNotice> notices;

	/**
	 * @param files the project's parsed files
	 * @param env the process environment (in Spring: {@code environment::getProperty}),
	 * which wins over {@code .env}
	 * @param notices receives each notice once
	 */
	JobsSectionReader(ProjectFiles files, Function<String, String> env, Consumer<ConfigNotice> notices) {
		this.files = files;
		this.rr = files.rr();
		this.env = env;
		this.notices = notices;
	}

	/**
	 * {@code [jobs] ENABLED} alone, for the conditions that decide before any bean exists
	 * which beans jobs get: it gives no notice, so the section's notices are logged once,
	 * when the {@link JobsSection} bean reads it whole.
	 */
	static boolean enabled(ProjectFiles files, Function<String, String> env) {
		return files.setting(SECTION, "ENABLED", env, "JOBS_ENABLED").map(ConfigValue::asBoolean).orElse(false);
	}

	JobsSection read() {
		boolean enabled = enabled(this.files, this.env);
		Optional<ConfigValue> named = setting("PIPELINE", "JOBS_PIPELINE");
		String defaultPipeline = named.map((value) -> value.value().strip()).orElse(JobsSection.DEFAULT_PIPELINE);
		int maxAttempts = (int) setting("MAX_ATTEMPTS", "JOBS_MAX_ATTEMPTS")
			.map((value) -> value.asWholeNumber(1, 100, "Attempts must be a whole number between 1 and 100."))
			.orElse(3L)
			.longValue();
		Duration backoff = setting("BACKOFF", "JOBS_BACKOFF").map(ConfigValue::asDuration)
			.orElse(Duration.ofSeconds(1));
		List<PipelineSection> pipelines = pipelines();
		if (pipelines.stream().noneMatch((pipeline) -> pipeline.name().equals(defaultPipeline))) {
			pipelines.add(0, undeclared(defaultPipeline, named));
		}
		return new JobsSection(enabled, defaultPipeline, maxAttempts, backoff,
				PoolSection.read(this.rr, SECTION + ".pool", this.notices), pipelines, consume(pipelines),
				this.rr.getString("amqp.addr", JobsSection.DEFAULT_AMQP_ADDRESS));
	}

	private Optional<ConfigValue> setting(String key, String envName) {
		return this.files.setting(SECTION, key, this.env, envName);
	}

	/**
	 * The default pipeline when .rr.yaml does not declare it: its name must then be a
	 * driver's.
	 */
	private static PipelineSection undeclared(String name, Optional<ConfigValue> named) {
		if (!PipelineSection.DRIVERS.contains(name)) {
			throw named.orElseThrow()
				.invalid("No pipeline of this name in .rr.yaml jobs.pipelines; declare it there " + "or name a driver: "
						+ String.join(", ", PipelineSection.DRIVERS) + ".");
		}
		return PipelineSection.defaults(name, name);
	}

	private List<PipelineSection> pipelines() {
		List<PipelineSection> pipelines = new ArrayList<>();
		for (String name : this.rr.childNames("jobs.pipelines")) {
			pipelines.add(pipeline(name, "jobs.pipelines." + name));
		}
		return pipelines;
	}

	private PipelineSection pipeline(String name, String path) {
		ConfigValue driver = this.rr.get(path + ".driver")
			.filter((value) -> !value.isBlank())
			.orElseThrow(() -> new ConfigException(this.rr.origin(path), null,
					"The pipeline needs a driver: " + String.join(", ", PipelineSection.DRIVERS) + "."));
		String kind = driver.value().strip().toLowerCase(Locale.ROOT);
		if (!PipelineSection.DRIVERS.contains(kind)) {
			throw driver.invalid("Unknown driver; use one of " + String.join(", ", PipelineSection.DRIVERS) + ".");
		}
		reportIgnoredKeys(path + ".config");
		PipelineSection defaults = PipelineSection.defaults(name, kind);
		String config = path + ".config.";
		return new PipelineSection(name, kind,
				(int) number(config + "priority", defaults.priority(), 0, 1000,
						"Priority must be a whole number" + " between 0 and 1000; lower runs first."),
				(int) number(config + "prefetch", defaults.prefetch(), 1, 10_000,
						"Prefetch must be a whole number" + " between 1 and 10000."),
				lease(config, defaults.lease()), duration(config + "poll_interval", defaults.pollInterval()),
				this.rr.getString(config + "queue", defaults.queue()),
				republishAfter(config, defaults.republishAfter()));
	}

	/**
	 * {@code lease}, or its older name {@code visibility_timeout}; when both are set,
	 * {@code lease} wins, with a notice.
	 */
	private Duration lease(String config, Duration defaultValue) {
		Optional<ConfigValue> older = this.rr.get(config + "visibility_timeout").filter((value) -> !value.isBlank());
		Optional<ConfigValue> lease = this.rr.get(config + "lease").filter((value) -> !value.isBlank());
		if (lease.isPresent() && older.isPresent()) {
			this.notices.accept(new ConfigNotice(older.get().origin(),
					config + "visibility_timeout is the older name of " + config + "lease, which is set too and wins.",
					true));
		}
		Optional<ConfigValue> value = lease.or(() -> older);
		if (value.isEmpty()) {
			return defaultValue;
		}
		return atLeastOneSecond(value.get(), "A lease must be at least 1s; a consumer renews it every third of it.");
	}

	private Duration republishAfter(String config, Duration defaultValue) {
		return this.rr.get(config + "republish_after")
			.filter((set) -> !set.isBlank())
			.map((value) -> atLeastOneSecond(value, "republish_after must be at least 1s."))
			.orElse(defaultValue);
	}

	private static Duration atLeastOneSecond(ConfigValue value, String refusal) {
		Duration duration = value.asDuration();
		if (duration.compareTo(MIN_LEASE) < 0) {
			throw value.invalid(refusal);
		}
		return duration;
	}

	private long number(String path, long defaultValue, long min, long max, String reason) {
		return this.rr.get(path)
			.filter((value) -> !value.isBlank())
			.map((value) -> value.asWholeNumber(min, max, reason))
			.orElse(defaultValue);
	}

	private Duration duration(String path, Duration defaultValue) {
		Optional<ConfigValue> value = this.rr.get(path).filter((candidate) -> !candidate.isBlank());
		if (value.isEmpty()) {
			return defaultValue;
		}
		Duration duration = value.get().asDuration();
		if (duration.isZero()) {
			throw value.get().invalid("Duration must be more than zero.");
		}
		return duration;
	}

	private List<String> consume(List<PipelineSection> pipelines) {
		if (!this.rr.has("jobs.consume")) {
			return pipelines.stream().map(PipelineSection::name).toList();
		}
		List<String> names = new ArrayList<>();
		for (ConfigValue value : this.rr.list("jobs.consume")) {
			String name = value.value().strip();
			if (pipelines.stream().noneMatch((pipeline) -> pipeline.name().equals(name))) {
				throw value.invalid("No pipeline of this name; declare it in jobs.pipelines.");
			}
			names.add(name);
		}
		return names;
	}

	private void reportIgnoredKeys(String section) {
		this.rr.scalarsUnder(section).forEach((key, value) -> {
			if (!CONFIG_KEYS.contains(key)) {
				this.notices.accept(new ConfigNotice(value.origin(),
						section + "." + key + " is not a Moonlight pipeline key and is ignored; known keys: "
								+ String.join(", ", CONFIG_KEYS.stream().sorted().toList()) + ".",
						true));
			}
		});
	}

}
