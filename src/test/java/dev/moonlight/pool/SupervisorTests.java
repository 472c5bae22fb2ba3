package dev.moonlight.pool;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.support.GenericApplicationContext;

import dev.moonlight.testapp.GateService;
import dev.moonlight.testapp.TestApplication;
import dev.moonlight.testapp.ThreadsService;
import dev.moonlight.testing.MetricLines;
import dev.moonlight.testing.MutableClock;
import dev.moonlight.testing.RunningApp;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * RoadRunner's supervisor keys with their JVM meaning, over the wire: {@code max_jobs}
 * and {@code ttl} give a worker a fresh thread between calls (what a ThreadLocal held
 * goes with the old one), {@code idle_ttl} stops idle workers down to one, and
 * {@code max_worker_memory} turns {@code /ready} false where the server cannot reload.
 */
@ExtendWith(OutputCaptureExtension.class)
class SupervisorTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Duration WAIT = Duration.ofSeconds(20);

	@Test
	void maxJobsGivesTheWorkerAFreshThreadAfterThatManyCalls() {
		try (RunningApp app = RunningApp.of(TestApplication.class)
			.rrYaml("http:\n  pool:\n    num_workers: 1\n    max_jobs: 3\n")
			.start()) {
			List<JsonNode> calls = IntStream.range(0, 4).mapToObj((i) -> current(app)).toList();
			long first = calls.get(0).path("thread_id").asLong();
			assertThat(calls.subList(0, 3)).as("three calls on one thread")
				.allSatisfy((call) -> assertThat(call.path("thread_id").asLong()).isEqualTo(first));
			assertThat(calls.get(2).path("seen_before").asBoolean()).as("its ThreadLocal lives on between calls")
				.isTrue();
			JsonNode fourth = calls.get(3);
			assertThat(fourth.path("thread_id").asLong()).as("the fourth call runs on a fresh thread")
				.isNotEqualTo(first);
			assertThat(fourth.path("seen_before").asBoolean()).as("the old thread's ThreadLocal went with it")
				.isFalse();
			assertThat(fourth.path("thread").asString()).as("in the same worker's slot").isEqualTo("http-worker-1");
			assertThat(app.bean(BoundedWorkerPool.class).stats().recycled()).isOne();
			assertThat(MetricLines.withoutInstance(app.text("/metrics"))).contains("moonlight_pool_recycled_total 1.0",
					"moonlight_pool_threads 1.0");
		}
	}

	@Test
	void ttlReplacesAnIdleWorkerOnceItIsOlderThanTtl() {
		MutableClock clock = new MutableClock(Instant.parse("2026-12-06T10:00:00Z"));
		try (RunningApp app = withClock(clock)
			.rrYaml("http:\n  pool:\n    num_workers: 1\n    supervisor:\n      ttl: 1h\n      watch_tick: 20ms\n")
			.start()) {
			BoundedWorkerPool pool = app.bean(BoundedWorkerPool.class);
			long before = current(app).path("thread_id").asLong();
			clock.advance(Duration.ofMinutes(59));
			assertThat(current(app).path("thread_id").asLong()).as("younger than ttl: the same thread")
				.isEqualTo(before);
			clock.advance(Duration.ofMinutes(2));
			await().atMost(WAIT).until(() -> pool.stats().recycled() == 1);
			JsonNode after = current(app);
			assertThat(after.path("thread_id").asLong()).as("a fresh thread once the worker passed ttl")
				.isNotEqualTo(before);
			assertThat(after.path("seen_before").asBoolean()).isFalse();
			assertThat(pool.stats().threads()).as("replaced, not stopped").isOne();
		}
	}

	@Test
	void aBusyWorkerPastTtlFinishesItsCallUninterruptedAndIsReplacedAfterIt() {
		MutableClock clock = new MutableClock(Instant.parse("2026-12-06T10:00:00Z"));
		try (RunningApp app = withClock(clock)
			.rrYaml("http:\n  pool:\n    num_workers: 1\n    supervisor:\n      ttl: 1h\n      watch_tick: 20ms\n")
			.start()) {
			BoundedWorkerPool pool = app.bean(BoundedWorkerPool.class);
			GateService gate = app.bean(GateService.class);
			long before = current(app).path("thread_id").asLong();
			CompletableFuture<String> held = CompletableFuture
				.supplyAsync(() -> call(app, "{\"service\":\"gate\",\"action\":\"hold\"}"));
			await().atMost(WAIT).until(() -> gate.holding() == 1);
			clock.advance(Duration.ofHours(2));
			gate.open();
			assertThat(JSON.readTree(held.join()).path("returnData").path("opened").asBoolean())
				.as("the call past ttl ran to its end, never interrupted")
				.isTrue();
			await().atMost(WAIT).until(() -> pool.stats().recycled() == 1);
			assertThat(current(app).path("thread_id").asLong()).as("then a fresh thread").isNotEqualTo(before);
		}
	}

	@Test
	void idleTtlStopsIdleWorkersDownToOneAndCallsStartThemAgain() {
		MutableClock clock = new MutableClock(Instant.parse("2026-12-06T10:00:00Z"));
		try (RunningApp app = withClock(clock)
			.rrYaml("http:\n  pool:\n    num_workers: 3\n    supervisor:\n      idle_ttl: 1m\n      watch_tick: 20ms\n")
			.start()) {
			BoundedWorkerPool pool = app.bean(BoundedWorkerPool.class);
			assertThat(pool.stats().threads()).as("every worker starts with the server").isEqualTo(3);
			clock.advance(Duration.ofSeconds(59));
			current(app);
			assertThat(pool.stats().threads()).as("none idle for idle_ttl yet").isEqualTo(3);
			clock.advance(Duration.ofMinutes(2));
			await().atMost(WAIT).until(() -> pool.stats().threads() == 1);
			assertThat(pool.workers()).hasSize(1);

			GateService gate = app.bean(GateService.class);
			List<CompletableFuture<?>> held = IntStream.range(0, 3)
				.<CompletableFuture<?>>mapToObj((i) -> CompletableFuture
					.runAsync(() -> call(app, "{\"service\":\"gate\",\"action\":\"hold\"}")))
				.toList();
			await().atMost(WAIT).until(() -> gate.holding() == 3);
			assertThat(pool.stats().threads()).as("three calls at once start workers up to num_workers").isEqualTo(3);
			gate.open();
			held.forEach(CompletableFuture::join);
		}
	}

	@Test
	void overMaxWorkerMemoryWithoutAPossibleReloadTheServerIsNotReady(CapturedOutput output) {
		// The test JVM's heap holds what earlier tests left: the limit sits well above
		// it, so the server starts under the limit, and the action takes it over.
		System.gc();
		long limit = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024 * 1024) + 256;
		try (RunningApp app = RunningApp.of(TestApplication.class)
			// A database in memory cannot be handed to a new process: the reload is
			// refused.
			.property("DATABASE_URL=jdbc:h2:mem:heap-watch")
			// Collections count at once, not after the warm-up a real server waits.
			.property(PoolAutoConfiguration.HEAP_WATCH_WARM_UP_PROPERTY + "=0s")
			.rrYaml("http:\n  pool:\n    supervisor:\n      max_worker_memory: " + limit + "\n")
			.start()) {
			ThreadsService threads = app.bean(ThreadsService.class);
			try {
				System.gc();
				await().atMost(WAIT).until(() -> {
					call(app, "{\"service\":\"threads\",\"action\":\"retain\",\"mb\":64}");
					System.gc();
					return readyStatus(app) == 503;
				});
				String ready = app.client()
					.get()
					.uri("/ready")
					.exchange()
					.expectStatus()
					.isEqualTo(503)
					.expectBody(String.class)
					.returnResult()
					.getResponseBody();
				assertThat(JSON.readTree(ready).path("checks").path("memory").asString())
					.as("/ready is open to anyone: no heap sizes, pid or database URL")
					.isEqualTo("the heap is over max_worker_memory and the server cannot reload");
				assertThat(ready).doesNotContain("jdbc:", "heap-watch", " MB", "pid");
				assertThat(output.getOut()).contains("and it cannot reload: Reload needs a database",
						"/ready answers 503 until the heap is back under the limit or the server is restarted.",
						"(memory: the heap in use after a garbage collection is ");
			}
			finally {
				threads.release();
			}
		}
	}

	private static RunningApp.Builder withClock(Clock clock) {
		return RunningApp.of(TestApplication.class)
			.initializer((context) -> ((GenericApplicationContext) context).registerBean(Clock.class, () -> clock));
	}

	private static JsonNode current(RunningApp app) {
		return JSON.readTree(call(app, "{\"service\":\"threads\",\"action\":\"current\"}")).path("returnData");
	}

	private static String call(RunningApp app, String body) {
		return app.call(body).expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
	}

	private static int readyStatus(RunningApp app) {
		return app.client().get().uri("/ready").exchange().returnResult(String.class).getStatus().value();
	}

}
