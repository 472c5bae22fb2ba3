package dev.moonlight.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class HttpSectionTests {

	private static final int CPUS = 6;

	private final List<ConfigNotice> notices = new ArrayList<>();

	@Test
	void absentSectionGivesRoadRunnerDefaults() {
		HttpSection http = read("version: \"3\"\n");
		assertThat(http.maxRequestSizeBytes()).as("absent max_request_size is 10 MB").isEqualTo(10L * 1024 * 1024);
		assertThat(http.pool()).as("one worker per CPU, unlimited queue, 60s timeouts, no exec_ttl")
			.isEqualTo(new PoolSection(CPUS, 0, Duration.ofSeconds(60), Duration.ofSeconds(60), Duration.ZERO));
		assertThat(http.pool().hasExecTtl()).isFalse();
		assertThat(this.notices).isEmpty();
	}

	@Test
	void readsEveryPoolKey() {
		HttpSection http = read(TestProject.resource("rr-pool.yaml"));
		assertThat(http.maxRequestSizeBytes()).isEqualTo(25L * 1024 * 1024);
		assertThat(http.pool())
			.isEqualTo(new PoolSection(4, 64, Duration.ofMillis(500), Duration.ofSeconds(90), Duration.ofMillis(1500),
					new SupervisorSection(0, Duration.ZERO, Duration.ZERO, 128, SupervisorSection.DEFAULT_WATCH_TICK)));
	}

	@Test
	void readsTheSupervisorKeysWithTheirJvmMeaning() {
		HttpSection http = read("http:\n  pool:\n    max_jobs: 1000\n    supervisor:\n      ttl: 1h\n"
				+ "      idle_ttl: 5m\n      max_worker_memory: 512\n      watch_tick: 250ms\n");
		assertThat(http.pool().supervisor()).isEqualTo(
				new SupervisorSection(1000, Duration.ofHours(1), Duration.ofMinutes(5), 512, Duration.ofMillis(250)));
		assertThat(http.pool().supervisor().recycles()).isTrue();
		assertThat(this.notices).as("every supervisor key is honoured, none reported as ignored").isEmpty();
		assertThat(read("version: \"3\"\n").pool().supervisor()).isEqualTo(SupervisorSection.NONE);
	}

	@Test
	void maxWorkerMemoryOutsideHttpPoolIsReportedBecauseTheHeapIsTheProcesss() {
		RrYaml rr = RrYaml.parse("tcp:\n  pool:\n    max_jobs: 10\n    supervisor:\n      max_worker_memory: 256\n",
				(name) -> null, ".rr.yaml");
		PoolSection tcp = PoolSection.read(rr, "tcp.pool", this.notices::add);
		assertThat(tcp.supervisor().maxJobs()).as("max_jobs recycles any pool's threads").isEqualTo(10);
		assertThat(tcp.supervisor().maxWorkerMemoryMb()).isZero();
		assertThat(this.notices).extracting(ConfigNotice::toString)
			.containsExactly(".rr.yaml:5: tcp.pool.supervisor.max_worker_memory is ignored: the heap is the "
					+ "process's, so http.pool.supervisor.max_worker_memory watches it for every pool.");
	}

	@Test
	void badSupervisorValuesStopTheBootNamingTheKey() {
		assertThatExceptionOfType(ConfigException.class).isThrownBy(() -> read("http:\n  pool:\n    max_jobs: -1\n"))
			.withMessageContaining("http.pool.max_jobs")
			.withMessageContaining("0 means a worker thread is never replaced");
		assertThatExceptionOfType(ConfigException.class)
			.isThrownBy(() -> read("http:\n  pool:\n    supervisor:\n      max_worker_memory: lots\n"))
			.withMessageContaining("http.pool.supervisor.max_worker_memory")
			.withMessageContaining("whole number of megabytes");
	}

	@Test
	void zeroMeansRoadRunnerDefaults() {
		HttpSection http = read("http:\n  max_request_size: 0\n  pool:\n    num_workers: 0\n    allocate_timeout: 0\n"
				+ "    supervisor: {exec_ttl: 0s}\n");
		assertThat(http.maxRequestSizeBytes()).as("0 MB is RoadRunner's 1000 MB").isEqualTo(1000L * 1024 * 1024);
		assertThat(http.pool().numWorkers()).as("0 workers is one per CPU").isEqualTo(CPUS);
		assertThat(http.pool().allocateTimeout()).isEqualTo(Duration.ofSeconds(60));
		assertThat(http.pool().execTtl()).isEqualTo(Duration.ZERO);
	}

	@Test
	void reportsProcessOnlyKeysOnceWithFileAndLine() {
		read(TestProject.resource("rr-pool.yaml"));
		assertThat(this.notices).extracting(ConfigNotice::toString)
			.as("max_jobs and max_worker_memory have a meaning now; the dynamic allocator has none")
			.containsExactly(
					".rr.yaml:15: http.pool.dynamic_allocator.max_workers is a RoadRunner worker-process setting and is "
							+ "ignored: the pool has a fixed number of threads.",
					".rr.yaml:16: http.pool.num_wrokers is not a pool key and is ignored; check the spelling.");
		assertThat(this.notices).extracting(ConfigNotice::warning).containsExactly(true, true);
	}

	@Test
	void bareNumberDurationIsReadAsSecondsWithAWarning() {
		HttpSection http = read("http:\n  pool:\n    destroy_timeout: 30\n");
		assertThat(http.pool().destroyTimeout()).isEqualTo(Duration.ofSeconds(30));
		assertThat(this.notices).singleElement()
			.satisfies((notice) -> assertThat(notice.toString())
				.startsWith(".rr.yaml:3: http.pool.destroy_timeout = 30 has no unit"));
	}

	@Test
	void workerCountOutsideOneToFiveHundredIsRejected() {
		assertThatExceptionOfType(ConfigException.class)
			.isThrownBy(() -> read("http:\n  pool:\n    num_workers: 501\n"))
			.withMessage(".rr.yaml:3: http.pool.num_workers = \"501\": "
					+ "Worker count must be a whole number between 1 and 500; 0 means one worker per CPU.");
		assertThatExceptionOfType(ConfigException.class).isThrownBy(() -> read("http:\n  pool:\n    num_workers: -1\n"))
			.withMessageContaining("http.pool.num_workers = \"-1\"");
		assertThatExceptionOfType(ConfigException.class)
			.isThrownBy(() -> read("http:\n  pool:\n    num_workers: two\n"))
			.withMessageContaining("http.pool.num_workers = \"two\"");
	}

	@Test
	void maxRequestSizeMustBeANonNegativeWholeNumber() {
		assertThatExceptionOfType(ConfigException.class).isThrownBy(() -> read("http:\n  max_request_size: 1.5\n"))
			.withMessage(".rr.yaml:2: http.max_request_size = \"1.5\": "
					+ "Request size must be a whole number of megabytes, 0 or more; 0 means 1000 MB.");
		assertThatExceptionOfType(ConfigException.class).isThrownBy(() -> read("http:\n  max_request_size: -1\n"))
			.withMessageContaining("http.max_request_size = \"-1\"");
	}

	@Test
	void negativeQueueSizeIsRejected() {
		assertThatExceptionOfType(ConfigException.class).isThrownBy(() -> read("http:\n  pool: {max_queue_size: -5}\n"))
			.withMessageEndingWith("Queue size must be a whole number, 0 or more; 0 means unlimited.");
	}

	@Test
	void dottedShortKeysConfigureThePool() {
		HttpSection http = read(TestProject.resource("rr-dotted-keys.yaml"));
		assertThat(http.pool().numWorkers()).isEqualTo(3);
		assertThat(http.pool().execTtl()).isEqualTo(Duration.ofSeconds(30));
	}

	@Test
	void workerDefaultIsCappedAtFiveHundred() {
		HttpSection http = new HttpSectionReader(RrYaml.empty(), 512, this.notices::add).read();
		assertThat(http.pool().numWorkers()).isEqualTo(PoolSection.MAX_WORKERS);
	}

	@Test
	void connectionAndFormLimitsHaveSafeDefaults() {
		assertThat(read("version: \"3\"\n").limits()).isEqualTo(
				new HttpLimits(1000, 10_000, Duration.ofSeconds(60), Duration.ofSeconds(10), Duration.ofSeconds(60)));
	}

	@Test
	void readsTheLimitKeysAndZeroSwitchesATimeoutOff() {
		HttpSection http = read("http:\n  max_form_fields: 50\n  max_connections: 0\n  idle_timeout: 0\n"
				+ "  read_header_timeout: 500ms\n  read_timeout: 2m\n");
		assertThat(http.limits())
			.isEqualTo(new HttpLimits(50, 0, Duration.ZERO, Duration.ofMillis(500), Duration.ofMinutes(2)));
	}

	@Test
	void drainDelayIsOneSecondUnlessSetAndShorterThanDestroyTimeout() {
		assertThat(read("version: \"3\"\n").drainDelay()).isEqualTo(Duration.ofSeconds(1));
		assertThat(read("http:\n  drain_delay: 5s\n").drainDelay()).isEqualTo(Duration.ofSeconds(5));
		assertThat(read("http:\n  drain_delay: 0\n").drainDelay()).as("0 closes idle connections at once")
			.isEqualTo(Duration.ZERO);
		assertThat(read("http:\n  pool:\n    destroy_timeout: 1s\n").drainDelay())
			.as("the default never takes a whole short destroy_timeout")
			.isEqualTo(Duration.ZERO);
		assertThatExceptionOfType(ConfigException.class)
			.isThrownBy(() -> read("http:\n  drain_delay: 30s\n  pool:\n    destroy_timeout: 30s\n"))
			.withMessage(".rr.yaml:2: http.drain_delay = \"30s\": The drain delay is part of http.pool.destroy_timeout"
					+ " (30000ms) and must be shorter; 0 closes idle connections at once.");
	}

	@Test
	void badLimitValuesStopTheBootNamingFileLineAndKey() {
		assertThatExceptionOfType(ConfigException.class)
			.isThrownBy(() -> read("http:\n  max_request_size: 1\n  max_connections: -1\n"))
			.withMessage(".rr.yaml:3: http.max_connections = \"-1\": "
					+ "Connection limit must be a whole number, 0 or more; 0 means unlimited.");
		assertThatExceptionOfType(ConfigException.class).isThrownBy(() -> read("http:\n  read_header_timeout: soon\n"))
			.withMessageStartingWith(".rr.yaml:2: http.read_header_timeout = \"soon\": Unknown duration format");
		assertThatExceptionOfType(ConfigException.class).isThrownBy(() -> read("http:\n  idle_timeout: 10ns\n"))
			.withMessageEndingWith("A connection timeout is 1ms or more, or 0 for none.");
		assertThatExceptionOfType(ConfigException.class).isThrownBy(() -> read("http:\n  max_form_fields: 0\n"))
			.withMessageContaining("http.max_form_fields = \"0\"");
	}

	@Test
	void supervisorPeriodsUnderAMillisecondStopTheBootNamingTheKey() {
		for (String key : new String[] { "watch_tick", "ttl", "idle_ttl" }) {
			assertThatExceptionOfType(ConfigException.class)
				.isThrownBy(() -> read("http:\n  pool:\n    supervisor:\n      " + key + ": 500us\n"))
				.withMessage(".rr.yaml:4: http.pool.supervisor." + key + " = \"500us\": http.pool.supervisor." + key
						+ " is 1ms or more, or 0 for none.");
		}
		SupervisorSection supervisor = read(
				"http:\n  pool:\n    supervisor:\n      watch_tick: 1ms\n      ttl: 0\n      idle_ttl: 1ms\n")
			.pool()
			.supervisor();
		assertThat(supervisor.watchTick()).isEqualTo(Duration.ofMillis(1));
		assertThat(supervisor.ttl()).isZero();
		assertThat(supervisor.idleTtl()).isEqualTo(Duration.ofMillis(1));
	}

	private HttpSection read(String yaml) {
		return new HttpSectionReader(RrYaml.parse(yaml, (name) -> null), CPUS, this.notices::add).read();
	}

}
