package dev.moonlight.testapp;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.validation.constraints.NotBlank;

import org.springframework.jdbc.core.simple.JdbcClient;

import dev.moonlight.dispatch.Action;
import dev.moonlight.dispatch.Envelope;
import dev.moonlight.dispatch.MoonlightService;

/**
 * Writes for the idempotency tests: {@code ledger.add} inserts a row into
 * {@code ledger_entries} and answers how many rows hold its entry, then, as asked, holds
 * its worker (and its transaction) until the test opens the gate, fails, or answers with
 * another status.
 */
@MoonlightService("ledger")
public class LedgerService {

	/**
	 * Tests create the table first: DDL would commit a keyed call's transaction on H2.
	 */
	public static final String TABLE = "CREATE TABLE IF NOT EXISTS ledger_entries (entry VARCHAR(100) NOT NULL,"
			+ " pid BIGINT NOT NULL)";

	private final JdbcClient jdbc;

	private final AtomicInteger holding = new AtomicInteger();

	private final AtomicInteger runs = new AtomicInteger();

	private volatile CountDownLatch gate = new CountDownLatch(0);

	LedgerService(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** {@code pad}: that many characters more in the answer. */
	record Entry(@NotBlank String entry, Boolean hold, Boolean fail, Integer status, Integer pad) {
	}

	@Action
	Envelope add(Entry params) throws InterruptedException {
		runs.incrementAndGet();
		jdbc.sql("INSERT INTO ledger_entries (entry, pid) VALUES (:entry, :pid)")
			.param("entry", params.entry())
			.param("pid", ProcessHandle.current().pid())
			.update();
		if (Boolean.TRUE.equals(params.hold())) {
			holding.incrementAndGet();
			try {
				// Bounded, so a failed test does not hold a worker for the rest of the
				// run.
				gate.await(30, TimeUnit.SECONDS);
			}
			finally {
				holding.decrementAndGet();
			}
		}
		if (Boolean.TRUE.equals(params.fail())) {
			throw new IllegalStateException("ledger.add failed on purpose");
		}
		Map<String, Object> data = new LinkedHashMap<>(Map.of("entry", params.entry(), "rows", rows(params.entry())));
		if (params.pad() != null) {
			data.put("pad", "x".repeat(params.pad()));
		}
		Envelope answer = Envelope.ok("Added", data);
		return (params.status() != null) ? answer.withStatus(params.status()) : answer;
	}

	/**
	 * Creates the table, for a test that runs the application in a process of its own.
	 */
	@Action
	Map<String, Object> prepare() {
		jdbc.sql(TABLE).update();
		return Map.of("prepared", true);
	}

	/** Closes the gate, for a test that runs the application in a process of its own. */
	@Action
	Map<String, Object> shut() {
		closeGate();
		return Map.of("shut", true);
	}

	/** The calls held at the gate, and the rows of an entry. */
	@Action
	Map<String, Object> look(Entry params) {
		return Map.of("holding", holding(), "rows", rows(params.entry()));
	}

	/** The rows of an entry, as every transaction sees them once committed. */
	public long rows(String entry) {
		return jdbc.sql("SELECT COUNT(*) FROM ledger_entries WHERE entry = :entry")
			.param("entry", entry)
			.query(Long.class)
			.single();
	}

	/** How many times {@code add} began. */
	public int runs() {
		return runs.get();
	}

	/** How many calls hold their worker now. */
	public int holding() {
		return holding.get();
	}

	/** Later calls with {@code hold} wait until {@link #openGate}. */
	public void closeGate() {
		gate = new CountDownLatch(1);
	}

	public void openGate() {
		gate.countDown();
	}

}
