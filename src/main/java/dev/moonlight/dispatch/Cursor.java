package dev.moonlight.dispatch;

import java.util.Iterator;

/**
 * An open query an action returns to stream its rows: iterated and closed on the worker
 * that opened it, while {@link #cancel} may come from any thread (the client went away)
 * to stop a statement that is still running, as JDBC's {@code Statement.cancel} does.
 *
 * @param <T> the row type
 */
public interface Cursor<T> extends Iterator<T>, AutoCloseable {

	/**
	 * Stops the query from another thread; the next read may then fail. Does nothing by
	 * default.
	 */
	default void cancel() {
	}

	/** Releases the query (statement, result set, connection); called once. */
	@Override
	void close();

}
