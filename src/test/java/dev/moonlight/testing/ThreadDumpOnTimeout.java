package dev.moonlight.testing;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * When a test fails because a call timed out, prints every thread's stack first: the
 * servers under test run in the same JVM, so the dump shows where a request that never
 * answered is stuck. Registered for every test through {@code META-INF/services} and
 * JUnit's extension autodetection.
 */
public final class ThreadDumpOnTimeout implements TestExecutionExceptionHandler {

	@Override
	public void handleTestExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
		if (causedByTimeout(throwable)) {
			StringBuilder dump = new StringBuilder("Thread dump after a timeout in ").append(context.getDisplayName())
				.append('\n');
			for (ThreadInfo thread : ManagementFactory.getThreadMXBean().dumpAllThreads(true, true)) {
				dump.append('"')
					.append(thread.getThreadName())
					.append("\" ")
					.append(thread.getThreadState())
					.append('\n');
				for (StackTraceElement frame : thread.getStackTrace()) {
					dump.append("    at ").append(frame).append('\n');
				}
			}
			System.err.println(dump);
		}
		throw throwable;
	}

	private static boolean causedByTimeout(Throwable throwable) {
		for (Throwable cause = throwable; cause != null; cause = cause.getCause()) {
			if (cause instanceof TimeoutException) {
				return true;
			}
		}
		return false;
	}

}
