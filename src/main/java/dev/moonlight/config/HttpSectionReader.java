package dev.moonlight.config;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Builds {@link HttpSection} and {@link PoolSection} from {@code .rr.yaml} in
 * RoadRunner's two steps: fill the defaults, then validate, each error naming the key and
 * line. Pool keys that only make sense for worker processes are reported once as ignored
 * rather than rejected, so a RoadRunner file works unchanged. The supervisor's soft
 * limits have a meaning for threads ({@link SupervisorSection}).
 */
final class HttpSectionReader {

	private static final Set<String> POOL_KEYS = Set.of("num_workers", "max_queue_size", "allocate_timeout",
			"destroy_timeout", "supervisor.exec_ttl", "max_jobs", "supervisor.ttl", "supervisor.idle_ttl",
			"supervisor.watch_tick", "supervisor.max_worker_memory");

	/** The one pool whose {@code supervisor.max_worker_memory} watches the heap. */
	private static final String HTTP_POOL = "http.pool";

	private static final String MAX_WORKER_MEMORY = "supervisor.max_worker_memory";

	private static final Map<String, String> PROCESS_ONLY_KEYS = Map.of("debug", "threads are not started per request",
			"command", "actions run inside the JVM, not in a worker process", "reset_timeout",
			"there is no worker reset", "stream_timeout", "there is no worker stream handshake");

	private static final String DYNAMIC_ALLOCATOR = "dynamic_allocator.";

	private final RrYaml rr;

	private final int cpus;

	private final Consumer<ConfigNotice> notices;

	HttpSectionReader(RrYaml rr, int cpus, Consumer<ConfigNotice> notices) {
		this.rr = rr;
		this.cpus = cpus;
		this.notices = notices;
	}

	HttpSection read() {
		PoolSection pool = pool("http.pool");
		return new HttpSection(maxRequestSizeBytes(), pool, limits(), drainDelay(pool));
	}

	/**
	 * {@code http.drain_delay} spends part of {@code destroy_timeout}, so it must leave
	 * the in-flight calls some.
	 */
	private Duration drainDelay(PoolSection pool) {
		Duration delay = timeout("http.drain_delay", HttpSection.DEFAULT_DRAIN_DELAY);
		if (delay.compareTo(pool.destroyTimeout()) >= 0) {
			if (set("http.drain_delay").isEmpty()) {
				return Duration.ZERO;
			}
			throw set("http.drain_delay").get()
				.invalid("The drain delay is part of http.pool.destroy_timeout (" + pool.destroyTimeout().toMillis()
						+ "ms) and must be shorter; 0 closes idle connections at once.");
		}
		return delay;
	}

	private HttpLimits limits() {
		int fields = (int) set("http.max_form_fields")
			.map((value) -> value.asWholeNumber(1, 1_000_000,
					"Form field limit must be a whole number from 1 to 1000000."))
			.orElse((long) HttpLimits.DEFAULT_MAX_FORM_FIELDS)
			.longValue();
		int connections = (int) set("http.max_connections")
			.map((value) -> value.asWholeNumber(0, Integer.MAX_VALUE,
					"Connection limit must be a whole number, 0 or more; 0 means unlimited."))
			.orElse((long) HttpLimits.DEFAULT_MAX_CONNECTIONS)
			.longValue();
		return new HttpLimits(fields, connections, timeout("http.idle_timeout", HttpLimits.DEFAULT_IDLE_TIMEOUT),
				timeout("http.read_header_timeout", HttpLimits.DEFAULT_READ_HEADER_TIMEOUT),
				timeout("http.read_timeout", HttpLimits.DEFAULT_READ_TIMEOUT));
	}

	/**
	 * A connection timeout: absent gives the default, 0 switches it off (unlike the
	 * pool's, where 0 is default).
	 */
	private Duration timeout(String path, Duration whenAbsent) {
		Optional<ConfigValue> value = set(path);
		if (value.isEmpty()) {
			return whenAbsent;
		}
		Duration duration = GoDuration.parse(value.get());
		if (!duration.isZero() && duration.compareTo(Duration.ofMillis(1)) < 0) {
			throw value.get().invalid("A connection timeout is 1ms or more, or 0 for none.");
		}
		return duration;
	}

	private long maxRequestSizeBytes() {
		Optional<ConfigValue> value = set("http.max_request_size");
		if (value.isEmpty()) {
			return HttpSection.DEFAULT_MAX_REQUEST_SIZE_MB * HttpSection.MEGABYTE;
		}
		long megabytes = ValueParsers.wholeNumber(value.get(), 0, Long.MAX_VALUE / HttpSection.MEGABYTE,
				"Request size must be a whole number of megabytes, 0 or more; 0 means 1000 MB.");
		return ((megabytes == 0) ? HttpSection.ZERO_MAX_REQUEST_SIZE_MB : megabytes) * HttpSection.MEGABYTE;
	}

	/**
	 * Reads a RoadRunner pool block; {@code section} is its path, such as
	 * {@code http.pool}.
	 */
	PoolSection pool(String section) {
		reportIgnoredKeys(section);
		int workers = (int) set(section + ".num_workers")
			.map((value) -> ValueParsers.wholeNumber(value, 0, PoolSection.MAX_WORKERS,
					"Worker count must be a whole number between 1 and 500; 0 means one worker per CPU."))
			.orElse(0L)
			.longValue();
		int queue = (int) set(section + ".max_queue_size")
			.map((value) -> ValueParsers.wholeNumber(value, 0, Integer.MAX_VALUE,
					"Queue size must be a whole number, 0 or more; 0 means unlimited."))
			.orElse(0L)
			.longValue();
		return new PoolSection((workers == 0) ? Math.min(this.cpus, PoolSection.MAX_WORKERS) : workers, queue,
				duration(section + ".allocate_timeout", PoolSection.DEFAULT_TIMEOUT),
				duration(section + ".destroy_timeout", PoolSection.DEFAULT_TIMEOUT),
				duration(section + ".supervisor.exec_ttl", Duration.ZERO), supervisor(section));
	}

	private SupervisorSection supervisor(String section) {
		long maxJobs = set(section + ".max_jobs")
			.map((value) -> ValueParsers.wholeNumber(value, 0, Long.MAX_VALUE,
					"Job count must be a whole number, 0 or more; 0 means a worker thread is never replaced."))
			.orElse(0L);
		long memory = section.equals(HTTP_POOL)
				? set(section + "." + MAX_WORKER_MEMORY)
					.map((value) -> ValueParsers.wholeNumber(value, 0, Long.MAX_VALUE / HttpSection.MEGABYTE,
							"Memory limit must be a whole number of megabytes, 0 or more; 0 means no limit."))
					.orElse(0L)
				: 0L;
		return new SupervisorSection(maxJobs, supervisorDuration(section + ".supervisor.ttl", Duration.ZERO),
				supervisorDuration(section + ".supervisor.idle_ttl", Duration.ZERO), memory,
				supervisorDuration(section + ".supervisor.watch_tick", SupervisorSection.DEFAULT_WATCH_TICK));
	}

	/**
	 * A supervisor's period: the workers measure in milliseconds, so a shorter one (which
	 * {@code watch_tick} would spin on, {@code ttl} and {@code idle_ttl} would read as 0,
	 * off) is refused rather than read as something else.
	 */
	private Duration supervisorDuration(String path, Duration whenZero) {
		Optional<ConfigValue> value = set(path);
		if (value.isPresent()) {
			Duration duration = GoDuration.parse(value.get());
			if (!duration.isZero() && duration.compareTo(Duration.ofMillis(1)) < 0) {
				throw value.get().invalid(path + " is 1ms or more, or 0 for none.");
			}
		}
		return duration(path, whenZero);
	}

	/**
	 * Reads a duration; 0 or absent gives {@code whenZero}, as RoadRunner's
	 * {@code InitDefaults} does.
	 */
	private Duration duration(String path, Duration whenZero) {
		Optional<ConfigValue> value = set(path);
		if (value.isEmpty()) {
			return whenZero;
		}
		Duration duration = GoDuration.parse(value.get());
		if (!duration.isZero() && GoDuration.isBareNumber(value.get().value())) {
			this.notices.accept(new ConfigNotice(value.get().origin(), path + " = " + value.get().value()
					+ " has no unit and is read as seconds; RoadRunner may read it as nanoseconds, so add a unit (60s).",
					true));
		}
		return duration.isZero() ? whenZero : duration;
	}

	private void reportIgnoredKeys(String section) {
		this.rr.scalarsUnder(section).forEach((key, value) -> {
			String path = section + "." + key;
			String why = PROCESS_ONLY_KEYS.get(key);
			if (why == null && key.startsWith(DYNAMIC_ALLOCATOR)) {
				why = "the pool has a fixed number of threads";
			}
			if (key.equals(MAX_WORKER_MEMORY) && !section.equals(HTTP_POOL)) {
				this.notices
					.accept(new ConfigNotice(value.origin(), path + " is ignored: the heap is the process's, so "
							+ HTTP_POOL + "." + MAX_WORKER_MEMORY + " watches it for every pool.", meaningful(value)));
			}
			else if (why != null) {
				this.notices.accept(new ConfigNotice(value.origin(),
						path + " is a RoadRunner worker-process setting and is ignored: " + why + ".",
						meaningful(value)));
			}
			else if (!POOL_KEYS.contains(key)) {
				this.notices.accept(new ConfigNotice(value.origin(),
						path + " is not a pool key and is ignored; check the spelling.", true));
			}
		});
	}

	/**
	 * A value other than "off" deserves a warning: the user expects an effect that will
	 * not happen.
	 */
	private static boolean meaningful(ConfigValue value) {
		String text = value.value().strip();
		return !(text.isEmpty() || text.equals("0") || text.equalsIgnoreCase("false") || text.equals("0s"));
	}

	private Optional<ConfigValue> set(String path) {
		return this.rr.get(path).filter((value) -> !value.isBlank());
	}

}
