package dev.moonlight.database;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link JdbcCursor}'s release: every reset step runs even when one fails, and a
 * connection that could not be reset is evicted (aborted) instead of given back.
 */
class JdbcCursorReleaseTests {

	@Test
	void aFailedRollbackStillResetsAndEvictsTheConnection() {
		List<String> calls = new CopyOnWriteArrayList<>();
		Connection connection = connection(calls, "rollback");
		JdbcCursor.release(null, connection, null, true, true, false);
		assertThat(calls).containsExactly("getAutoCommit", "rollback", "setAutoCommit", "createStatement",
				"execute SET LAZY_QUERY_EXECUTION FALSE", "abort", "close");
	}

	@Test
	void aFailedLazyResetEvictsTheConnection() {
		List<String> calls = new CopyOnWriteArrayList<>();
		Connection connection = connection(calls, "execute");
		JdbcCursor.release(null, connection, null, true, true, false);
		assertThat(calls).containsExactly("getAutoCommit", "rollback", "setAutoCommit", "createStatement",
				"execute SET LAZY_QUERY_EXECUTION FALSE", "abort", "close");
	}

	@Test
	void aCleanResetGivesTheConnectionBack() {
		List<String> calls = new CopyOnWriteArrayList<>();
		Connection connection = connection(calls, "none");
		JdbcCursor.release(null, connection, null, true, true, false);
		assertThat(calls).containsExactly("getAutoCommit", "rollback", "setAutoCommit", "createStatement",
				"execute SET LAZY_QUERY_EXECUTION FALSE", "close");
	}

	/** A connection in a transaction that records its calls and fails {@code failing}. */
	private static Connection connection(List<String> calls, String failing) {
		return (Connection) Proxy.newProxyInstance(JdbcCursorReleaseTests.class.getClassLoader(),
				new Class<?>[] { Connection.class }, (proxy, method, args) -> {
					String name = method.getName();
					if (name.equals("isWrapperFor")) {
						return false;
					}
					calls.add(name);
					if (name.equals(failing)) {
						throw new SQLException(name + " failed", "08006");
					}
					return switch (name) {
						case "getAutoCommit" -> false;
						case "createStatement" -> statement(calls, failing);
						default -> null;
					};
				});
	}

	private static Statement statement(List<String> calls, String failing) {
		return (Statement) Proxy.newProxyInstance(JdbcCursorReleaseTests.class.getClassLoader(),
				new Class<?>[] { Statement.class }, (proxy, method, args) -> {
					String name = method.getName();
					if (name.equals("execute")) {
						calls.add("execute " + args[0]);
						if (name.equals(failing)) {
							throw new SQLException("execute failed");
						}
						return false;
					}
					return null;
				});
	}

}
