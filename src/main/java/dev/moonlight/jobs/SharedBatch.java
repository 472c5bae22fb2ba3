package dev.moonlight.jobs;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Lets threads that write at the same time share one transaction, as a database's group
 * commit does: the first caller writes its item at once; callers arriving while that
 * write (and its commit) runs wait, and the next of them writes everything that gathered
 * meanwhile in one go. Every caller returns once its own item is committed, or throws the
 * failure of the write that held it, so a caller is never told "stored" before it is. A
 * lone caller pays nothing extra; under load a commit (an fsync on PostgreSQL) is paid
 * per batch, not per item.
 * <p>
 * The callers block, and a batch is written by one statement for all its items
 * ({@code batchUpdate}, one {@code UPDATE ... WHERE id IN}): right for job pushes and
 * starts, made by threads that wait for them anyway. An action's write goes through
 * {@link dev.moonlight.database.GroupCommit} instead, which frees the caller's worker
 * while the write waits, so more writes gather than there are workers.
 */
final class SharedBatch<T> {

	private final Consumer<List<T>> write;

	private List<Pending<T>> gathering = new ArrayList<>();

	private boolean writing;

	/** {@code write} stores a batch in one transaction, or throws. */
	SharedBatch(Consumer<List<T>> write) {
		this.write = write;
	}

	/** Returns once {@code item} is stored; throws what the write that held it threw. */
	void write(T item) {
		Pending<T> mine = new Pending<>(item);
		List<Pending<T>> batch;
		boolean interrupted = false;
		try {
			synchronized (this) {
				gathering.add(mine);
				while (writing && !mine.done) {
					try {
						wait();
					}
					catch (InterruptedException ex) {
						// The item may already be in the batch being written: wait for
						// its fate all the same.
						interrupted = true;
					}
				}
				if (mine.done) {
					mine.rethrow();
					return;
				}
				writing = true;
				batch = gathering;
				gathering = new ArrayList<>();
			}
		}
		finally {
			if (interrupted) {
				Thread.currentThread().interrupt();
			}
		}
		Error fatal = writeBatch(batch);
		// Whatever happened, the batch is settled and the next writer may go: a stuck
		// flag would stop every push.
		synchronized (this) {
			batch.forEach((pending) -> pending.done = true);
			writing = false;
			notifyAll();
		}
		if (fatal != null) {
			throw fatal;
		}
		mine.rethrow();
	}

	/**
	 * Writes the batch in one go; when that fails, each item alone, so that one bad item
	 * fails its own caller only (the failed batch was one transaction, so none of it is
	 * stored). Answers an {@code Error} to rethrow.
	 */
	private Error writeBatch(List<Pending<T>> batch) {
		try {
			List<T> items = new ArrayList<>(batch.size());
			batch.forEach((pending) -> items.add(pending.item));
			write.accept(items);
			return null;
		}
		catch (RuntimeException ex) {
			if (batch.size() == 1) {
				batch.get(0).failure = ex;
				return null;
			}
		}
		catch (Error error) {
			batch.forEach((pending) -> pending.failure = new IllegalStateException("Storing a batch failed", error));
			return error;
		}
		Error fatal = null;
		for (Pending<T> pending : batch) {
			try {
				write.accept(List.of(pending.item));
			}
			catch (RuntimeException ex) {
				pending.failure = ex;
			}
			catch (Error error) {
				pending.failure = new IllegalStateException("Storing an item failed", error);
				fatal = error;
			}
		}
		return fatal;
	}

	/**
	 * One caller's item and what became of it: {@code failure} is set by the batch's
	 * writer before it marks the item {@code done} under the SharedBatch's lock, which
	 * its caller reads it under.
	 */
	private static final class Pending<T> {

		private final T item;

		private boolean done;

		private RuntimeException failure;

		Pending(T item) {
			this.item = item;
		}

		void rethrow() {
			if (failure != null) {
				throw failure;
			}
		}

	}

}
