package dev.moonlight.database;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.StringUtils;

import com.zaxxer.hikari.HikariDataSource;

import dev.moonlight.testapp.TestApplication;
import dev.moonlight.testing.CuttableProxy;
import dev.moonlight.testing.RunningApp;
import dev.moonlight.testing.ScratchPostgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * PostgreSQL behind a proxy the test cuts (connections reset, new ones refused) or
 * blackholes (nothing flows, nothing is refused), then restores; the machine's server
 * keeps running. Calls answer 503 with {@code Retry-After} within a second,
 * {@code /ready} says why, {@code /health} stays 200, the log says it once (HikariCP's
 * line per broken connection stays out of it), jobs wait and then run, and calls succeed
 * again soon after the restore.
 */
@Tag("postgres")
@ExtendWith(OutputCaptureExtension.class)
class DatabaseOutageTests {

	private static final String DOWN_LINE = "database: unavailable (";

	private static final String BROKEN_LINE = "pooled connection(s) found broken and dropped; the database answers";

	/**
	 * A line the log would count as WARN or ERROR, as reliability/cases/outage.sh does
	 * (stack frames are not lines).
	 */
	private static final Pattern WARN_OR_ERROR = Pattern.compile("^\\S+\\s+(WARN|ERROR)\\s");

	/**
	 * The goal of issue 13: at most this many WARN/ERROR lines for one outage, whatever
	 * the number of calls.
	 */
	private static final int OUTAGE_LOG_LINES = 3;

	private static final Duration ANSWER_WITHIN = Duration.ofSeconds(1);

	private static final String JOBS = "[app_authentications]\ncallers = dev.moonlight.testapp.HeaderCallerBackend\n\n"
			+ "[jobs]\nENABLED = true\nPIPELINE = jdbc\n";

	@Test
	void aCutIsAnswered503AtOnceLoggedOnceAndCallsSucceedSoonAfterItEnds(CapturedOutput output) {
		try (ScratchPostgres database = ScratchPostgres.create("moonlight_outage");
				CuttableProxy proxy = new CuttableProxy(5432);
				RunningApp app = behind(proxy, database).start()) {
			session(app).expectStatus().isOk().expectBody().jsonPath("$.returnData.session").isNumber();
			int mark = output.getOut().length();
			proxy.cut();
			long started = System.nanoTime();
			expectUnavailable(session(app));
			long first = millisSince(started);
			for (int i = 0; i < 5; i++) {
				expectUnavailable(session(app));
			}
			System.out.println("outage (cut): first 503 in " + first + "ms, six in " + millisSince(started) + "ms");
			expectNotReadyButHealthy(app);
			proxy.restore();
			expectBackWithin5s(app);
			assertThat(output.getOut()).contains("database: available again after ");
			expectLoggedOnce(output, mark);
		}
	}

	@Test
	void aBlackholeIsAnsweredWithinASecondNotWhenTheNetworkReturnsAndJobsWaitForIt(CapturedOutput output) {
		try (ScratchPostgres database = ScratchPostgres.create("moonlight_blackhole");
				CuttableProxy proxy = new CuttableProxy(5432);
				RunningApp app = behind(proxy, database).settings(JOBS).start()) {
			session(app).expectStatus().isOk().expectBody().jsonPath("$.returnData.session").isNumber();
			// Due while the network is silent: the jobs wait, their attempts not spent,
			// and run once it is back.
			String job = enqueueNote(app, 1500);
			int mark = output.getOut().length();
			proxy.blackhole();
			// The first calls find pooled connections that were fine a moment ago: their
			// statements get no answer.
			for (int i = 0; i < 4; i++) {
				long started = System.nanoTime();
				expectUnavailable(session(app));
				Duration took = Duration.ofNanos(System.nanoTime() - started);
				System.out.println("outage (blackhole): call " + i + " answered 503 in " + took.toMillis() + "ms");
				assertThat(took).as("call %d during the blackhole", i).isLessThan(ANSWER_WITHIN);
			}
			expectNotReadyButHealthy(app);
			proxy.restore();
			expectBackWithin5s(app);
			await().atMost(Duration.ofSeconds(15))
				.pollInterval(Duration.ofMillis(100))
				.until(() -> "done".equals(jobStatus(app, job, "status")));
			assertThat(jobStatus(app, job, "attempts")).as("the outage spent no attempt").isEqualTo("1");
			expectLoggedOnce(output, mark);
		}
	}

	@Test
	void connectionsThatEndWhileTheDatabaseAnswersAreLoggedOnceAndAreNoOutage(CapturedOutput output) {
		try (ScratchPostgres database = ScratchPostgres.create("moonlight_ended");
				RunningApp app = RunningApp.of(TestApplication.class)
					.dotEnv("DATABASE_URL=" + database.databaseUrl() + "\n")
					.start()) {
			session(app).expectStatus().isOk().expectBody().jsonPath("$.returnData.session").isNumber();
			int mark = output.getOut().length();
			database.endConnections();
			// The probe finds its pooled connection broken, looks again on another one,
			// and says what it found once.
			await().atMost(Duration.ofSeconds(5)).until(() -> output.getOut().substring(mark).contains(BROKEN_LINE));
			await().atMost(Duration.ofSeconds(5))
				.pollInterval(Duration.ofMillis(100))
				.until(() -> status(session(app)) == 200);
			String log = output.getOut().substring(mark);
			assertThat(log).as("no outage").doesNotContain(DOWN_LINE);
			List<String> lines = warnings(log);
			assertThat(lines).as("WARN/ERROR lines").isNotEmpty().allMatch((line) -> line.contains(BROKEN_LINE));
			assertThat(lines.get(0)).as("HikariCP's own words").containsPattern("The first: HikariPool-\\d+ - ");
		}
	}

	private static RunningApp.Builder behind(CuttableProxy proxy, ScratchPostgres database) {
		return RunningApp.of(TestApplication.class)
			.dotEnv("DATABASE_URL=postgres://postgres@127.0.0.1:" + proxy.port() + "/" + database.name() + "\n");
	}

	/**
	 * The probe gets no pooled connection: calls hold them all (or the idle ones fail
	 * HikariCP's validation on the silent network, as in a reliability run that took 3.4
	 * s to find a blackhole). A new connection outside the pool then tells a silent
	 * database, within a second, from a busy pool, which stays available.
	 */
	@Test
	void aBlackholeIsFoundWhenEveryPooledConnectionIsInUse() throws Exception {
		try (ScratchPostgres database = ScratchPostgres.create("moonlight_exhausted");
				CuttableProxy proxy = new CuttableProxy(5432);
				HikariDataSource hikari = new HikariDataSource()) {
			hikari.setJdbcUrl("jdbc:postgresql://127.0.0.1:" + proxy.port() + "/" + database.name());
			hikari.setUsername("postgres");
			hikari.setMaximumPoolSize(2);
			hikari.addDataSourceProperty("connectTimeout", "3");
			hikari.addDataSourceProperty("loginTimeout", "3");
			DatabaseAvailability availability = new DatabaseAvailability();
			GuardedDataSource pool = new GuardedDataSource(hikari, availability);
			availability.watch(pool);
			availability.start();
			List<Connection> held = List.of(pool.getConnection(), pool.getConnection());
			try {
				await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(availability::available);
				proxy.blackhole();
				long started = System.nanoTime();
				await().atMost(ANSWER_WITHIN.multipliedBy(2)).until(() -> !availability.available());
				System.out.println("outage (blackhole, pool in use): found in " + millisSince(started) + "ms");
				assertThat(availability.reason()).isEqualTo("the database does not answer within 400ms");
			}
			finally {
				availability.stop();
				proxy.restore();
				for (Connection connection : held) {
					closeAborted(connection);
				}
			}
		}
	}

	/** The outage aborted it: closing it tells so again, which is no news here. */
	private static void closeAborted(Connection connection) {
		try {
			connection.close();
		}
		catch (SQLException ex) {
			assertThat(ex.getMessage()).contains("closed");
		}
	}

	private static void expectUnavailable(WebTestClient.ResponseSpec response) {
		response.expectStatus()
			.isEqualTo(503)
			.expectHeader()
			.valueEquals("Retry-After", "5")
			.expectBody()
			.jsonPath("$.returnCode")
			.isEqualTo(503)
			.jsonPath("$.returnMessage")
			.isEqualTo("The database is unavailable.");
	}

	private static void expectNotReadyButHealthy(RunningApp app) {
		await().atMost(Duration.ofSeconds(5)).until(() -> status(app.client().get().uri("/ready").exchange()) == 503);
		app.client()
			.get()
			.uri("/ready")
			.exchange()
			.expectStatus()
			.isEqualTo(503)
			.expectBody()
			.jsonPath("$.checks.database")
			.value((String check) -> assertThat(check).as("the reason stays in the log; /ready is public")
				.isEqualTo("the database is unavailable"));
		app.client()
			.get()
			.uri("/health")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("up");
	}

	private static void expectBackWithin5s(RunningApp app) {
		long restored = System.nanoTime();
		await().atMost(Duration.ofSeconds(5))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> status(session(app)) == 200);
		System.out.println("outage: calls succeed " + millisSince(restored) + "ms after the restore");
		await().atMost(Duration.ofSeconds(2)).until(() -> status(app.client().get().uri("/ready").exchange()) == 200);
	}

	/**
	 * One WARN line says the database is down; HikariCP's line per broken connection (and
	 * stack traces) stay out.
	 */
	private static void expectLoggedOnce(CapturedOutput output, int mark) {
		String log = output.getOut().substring(mark);
		List<String> lines = warnings(log);
		assertThat(StringUtils.countOccurrencesOf(log, DOWN_LINE)).as("the database's WARN line").isOne();
		assertThat(lines).as("WARN/ERROR lines of the outage")
			.hasSizeLessThanOrEqualTo(OUTAGE_LOG_LINES)
			.noneMatch((line) -> line.contains("com.zaxxer.hikari"));
	}

	private static List<String> warnings(String log) {
		return log.lines().filter((line) -> WARN_OR_ERROR.matcher(line).find()).toList();
	}

	/** The status, with the body read, so no buffer is left unreleased. */
	private static int status(WebTestClient.ResponseSpec response) {
		return response.expectBody().returnResult().getStatus().value();
	}

	private static long millisSince(long nanos) {
		return Duration.ofNanos(System.nanoTime() - nanos).toMillis();
	}

	private static WebTestClient.ResponseSpec session(RunningApp app) {
		return call(app, "{\"service\":\"slow\",\"action\":\"pgSession\"}");
	}

	/** Queues {@code work.note} due in {@code delayMs}; answers its job id. */
	private static String enqueueNote(RunningApp app, int delayMs) {
		AtomicReference<String> id = new AtomicReference<>();
		call(app,
				"{\"service\":\"work\",\"action\":\"enqueue\",\"job_service\":\"work\",\"job_action\":\"note\","
						+ "\"payload\":{\"key\":\"outage\"},\"delay_ms\":" + delayMs + "}")
			.expectStatus()
			.isEqualTo(202)
			.expectBody()
			.jsonPath("$.returnData.job_id")
			.value((String value) -> id.set(value));
		return id.get();
	}

	/** A field of {@code jobs.status}, as text. */
	private static String jobStatus(RunningApp app, String job, String field) {
		AtomicReference<Object> value = new AtomicReference<>();
		call(app, "{\"service\":\"jobs\",\"action\":\"status\",\"job_id\":\"" + job + "\"}").expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.returnData." + field)
			.value(value::set);
		return String.valueOf(value.get());
	}

	/**
	 * {@code POST /api/v1/} as a jobs manager (the {@code X-Caller} backend, when the
	 * scenario has it).
	 */
	private static WebTestClient.ResponseSpec call(RunningApp app, String json) {
		return app.client()
			.mutate()
			.responseTimeout(Duration.ofSeconds(10))
			.build()
			.post()
			.uri("/api/v1/")
			.contentType(MediaType.APPLICATION_JSON)
			.header("X-Caller", "operator")
			.header("X-Permissions", "jobs.manage")
			.bodyValue(json)
			.exchange();
	}

}
