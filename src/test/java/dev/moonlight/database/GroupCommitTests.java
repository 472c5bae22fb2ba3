package dev.moonlight.database;

import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.moonlight.dispatch.ServiceUnavailableException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The group commit on a real (in-memory) H2: writes queued while the writer is busy share one commit; a failing write
 * gets its own error while the rest of its batch is stored; a write inside a transaction joins it; a full queue and a
 * closed writer answer 503 at once, and closing stores what was queued. The writer is held by a write that waits on a
 * latch, so what each batch holds is decided by the test, not by timing.
 */
class GroupCommitTests {

	private final JdbcDataSource database = new JdbcDataSource();

	private final JdbcTemplate jdbc = new JdbcTemplate(database);

	private GroupCommit commits;

	@BeforeEach
	void createTable() {
		database.setURL("jdbc:h2:mem:group-commit-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
		jdbc.execute("CREATE TABLE notes (id INT PRIMARY KEY, body VARCHAR(40))");
	}

	@AfterEach
	void close() throws InterruptedException {
		if (commits != null) {
			commits.close();
		}
		jdbc.execute("SHUTDOWN");
	}

	@Test
	void writesQueuedWhileTheWriterIsBusyShareOneCommit() throws Exception {
		commits = new GroupCommit(database, 256, 1024);
		HeldWriter held = hold();
		List<CompletableFuture<Integer>> queued = new ArrayList<>();
		for (int id = 1; id <= 50; id++) {
			queued.add(commits.write("note", insert(id)));
		}
		held.release();
		CompletableFuture.allOf(queued.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM notes", Integer.class)).isEqualTo(51);
		assertThat(commits.stats()).as("the holding write alone, then the 50 in one commit")
			.isEqualTo(new GroupCommit.Stats(2, 51));
		assertThat(queued.get(49).get()).as("each write answers its own result").isEqualTo(50);
	}

	@Test
	void aFailingWriteGetsItsOwnErrorAndTheRestOfItsBatchIsStored() throws Exception {
		commits = new GroupCommit(database, 256, 1024);
		HeldWriter held = hold();
		CompletableFuture<Integer> first = commits.write("note", insert(10));
		CompletableFuture<Integer> duplicate = commits.write("note", insert(10));
		CompletableFuture<Integer> third = commits.write("note", insert(11));
		held.release();
		assertThat(first.get(30, TimeUnit.SECONDS)).isEqualTo(10);
		assertThat(third.get(30, TimeUnit.SECONDS)).isEqualTo(11);
		assertThat(duplicate).failsWithin(30, TimeUnit.SECONDS)
			.withThrowableThat()
			.withCauseInstanceOf(DuplicateKeyException.class);
		assertThat(jdbc.queryForList("SELECT id FROM notes ORDER BY id", Integer.class)).containsExactly(0, 10, 11);
	}

	@Test
	void aWriteInsideATransactionRunsInItAndRollsBackWithIt() {
		commits = new GroupCommit(database, 256, 1024);
		TransactionTemplate transactions = new TransactionTemplate(new DataSourceTransactionManager(database));
		transactions.executeWithoutResult((status) -> {
			CompletableFuture<Integer> write = commits.write("note", insert(7));
			assertThat(write).as("run at once, on the transaction's connection").isCompletedWithValue(7);
			assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM notes", Integer.class))
				.as("the transaction's connection sees its own write")
				.isEqualTo(1);
			status.setRollbackOnly();
		});
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM notes", Integer.class)).isZero();
		assertThat(commits.stats().commits()).as("no shared commit was made").isZero();
	}

	@Test
	void aFullQueueIsAnswered503AtOnce() throws Exception {
		commits = new GroupCommit(database, 2, 2);
		HeldWriter held = hold();
		CompletableFuture<Integer> one = commits.write("note", insert(1));
		CompletableFuture<Integer> two = commits.write("note", insert(2));
		CompletableFuture<Integer> three = commits.write("note", insert(3));
		assertThat(three).isCompletedExceptionally();
		assertThat(three).failsWithin(0, TimeUnit.SECONDS)
			.withThrowableThat()
			.havingCause()
			.isInstanceOfSatisfying(ServiceUnavailableException.class, (busy) -> {
				assertThat(busy.status()).isEqualTo(503);
				assertThat(busy.headers()).containsEntry("Retry-After", "1");
			});
		held.release();
		assertThat(one.get(30, TimeUnit.SECONDS)).isEqualTo(1);
		assertThat(two.get(30, TimeUnit.SECONDS)).isEqualTo(2);
	}

	@Test
	void closingStoresWhatIsQueuedThenAnswers503() throws Exception {
		commits = new GroupCommit(database, 256, 1024);
		HeldWriter held = hold();
		List<CompletableFuture<Integer>> queued = new ArrayList<>();
		for (int id = 1; id <= 5; id++) {
			queued.add(commits.write("note", insert(id)));
		}
		CompletableFuture<Void> closed = CompletableFuture.runAsync(() -> {
			try {
				commits.close();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		});
		held.release();
		closed.get(30, TimeUnit.SECONDS);
		assertThat(queued).allSatisfy((write) -> assertThat(write).isCompleted().isNotCompletedExceptionally());
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM notes", Integer.class)).isEqualTo(6);
		CompletableFuture<Integer> late = commits.write("note", insert(99));
		assertThat(late).failsWithin(0, TimeUnit.SECONDS)
			.withThrowableThat()
			.havingCause()
			.isInstanceOfSatisfying(ServiceUnavailableException.class,
					(stopping) -> assertThat(stopping.getMessage()).contains("stopping"));
	}

	/** Starts a write (id 0) that holds the writer until released, and waits until the writer runs it. */
	private HeldWriter hold() throws InterruptedException {
		CountDownLatch running = new CountDownLatch(1);
		CountDownLatch gate = new CountDownLatch(1);
		commits.write("hold", (connection) -> {
			running.countDown();
			try {
				if (!gate.await(30, TimeUnit.SECONDS)) {
					throw new IllegalStateException("the test never released the writer");
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
			return insert(0).doInConnection(connection);
		});
		assertThat(running.await(30, TimeUnit.SECONDS)).as("the writer took the holding write").isTrue();
		return gate::countDown;
	}

	private static ConnectionCallback<Integer> insert(int id) {
		return (connection) -> {
			try (PreparedStatement insert = connection.prepareStatement("INSERT INTO notes VALUES (?, ?)")) {
				insert.setInt(1, id);
				insert.setString(2, "note " + id);
				insert.executeUpdate();
				return id;
			}
		};
	}

	@FunctionalInterface
	private interface HeldWriter {

		void release();

	}

}
