package dev.moonlight.supervision;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the loops and periodic tasks of framework threads that must live as long as the
 * server. Whatever one pass throws, {@link OutOfMemoryError} and other {@link Error}s
 * included, is logged at ERROR once and the work goes on after {@link #BACKOFF}: an
 * uncaught throwable used to end the thread (or cancel the periodic task) silently, and
 * with it the access log or the maintenance switch until a restart.
 */
public final class Supervised {

	/**
	 * The pause after a failed pass, so that a failure that repeats does not spin a core.
	 */
	public static final Duration BACKOFF = Duration.ofMillis(200);

	private static final Logger logger = LoggerFactory.getLogger(Supervised.class);

	private Supervised() {
	}

	/** One pass of a loop; an {@link InterruptedException} ends the loop. */
	@FunctionalInterface
	public interface Pass {

		void run() throws InterruptedException;

	}

	/**
	 * A daemon thread, not yet started, that runs {@code pass} while {@code running} says
	 * so, and runs it again after a failure. It ends when {@code running} turns false or
	 * the thread is interrupted.
	 */
	public static Thread thread(String name, BooleanSupplier running, Pass pass) {
		Thread thread = new Thread(() -> loop(name, running, pass), name);
		thread.setDaemon(true);
		return thread;
	}

	/**
	 * {@code task} for a periodic executor, which cancels a periodic task for good the
	 * first time it throws.
	 */
	public static Runnable periodic(String name, Runnable task) {
		return () -> {
			try {
				task.run();
			}
			catch (Throwable failure) {
				report(name, failure);
			}
		};
	}

	private static void loop(String name, BooleanSupplier running, Pass pass) {
		try {
			while (running.getAsBoolean()) {
				try {
					pass.run();
				}
				catch (InterruptedException ex) {
					throw ex;
				}
				catch (Throwable failure) {
					report(name, failure);
					TimeUnit.MILLISECONDS.sleep(BACKOFF.toMillis());
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static void report(String name, Throwable failure) {
		try {
			logger.error("Background thread {} failed; it goes on after {} ms", name, BACKOFF.toMillis(), failure);
		}
		catch (Throwable unloggable) {
			// Logging can fail too (out of memory): the thread still goes on, which
			// matters more than the line.
		}
	}

}
