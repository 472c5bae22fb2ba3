package dev.moonlight.logging;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeAndTimeBasedRollingPolicy;
import ch.qos.logback.core.util.FileSize;

/**
 * A detached server's console, written to its log file through Logback's rolling
 * appender: everything the server prints (its log lines as on a terminal, the access log,
 * the banner) lands in one file that rolls by size and by day and keeps what
 * {@link LogRotation} allows. It lives in a Logback context of its own, so Boot's logging
 * set-up, which resets the default context, never touches it.
 */
public final class RotatingConsole {

	private RotatingConsole() {
	}

	/**
	 * Whether this JVM is a server that {@code runserver --detach} started (its console
	 * is its log file).
	 */
	public static boolean isDetached() {
		return LogRotation.fromDetachedProperties(System::getProperty).isPresent();
	}

	/**
	 * In a JVM that {@code runserver --detach} started (it passes
	 * {@link LogRotation#detachedJvmOptions}), sends {@code System.out} and
	 * {@code System.err} to the rotating log; elsewhere does nothing.
	 * @return whether the console now goes to the log
	 */
	public static boolean installIfDetached() {
		Optional<LogRotation> rotation = LogRotation.fromDetachedProperties(System::getProperty);
		rotation.ifPresent((settings) -> {
			PrintStream log = open(settings);
			System.setOut(log);
			System.setErr(log);
		});
		return rotation.isPresent();
	}

	/** A stream whose lines go to the rotation's file, rolled as it says. */
	static PrintStream open(LogRotation rotation) {
		return new PrintStream(new LineSink(logger(rotation)), true, StandardCharsets.UTF_8);
	}

	private static Logger logger(LogRotation rotation) {
		String file = rotation.file().orElseThrow().toString();
		LoggerContext context = new LoggerContext();
		context.setName("moonlight-detached-console");
		// A context Logback's SLF4J binding did not make has no MDC adapter, and an event
		// cannot be built without one.
		context.setMDCAdapter(new LogbackMDCAdapter());
		context.start();
		PatternLayoutEncoder encoder = new PatternLayoutEncoder();
		encoder.setContext(context);
		encoder.setPattern("%msg%n");
		encoder.setCharset(StandardCharsets.UTF_8);
		encoder.start();
		RollingFileAppender<ILoggingEvent> appender = new RollingFileAppender<>();
		appender.setContext(context);
		appender.setName("file");
		appender.setFile(file);
		appender.setEncoder(encoder);
		SizeAndTimeBasedRollingPolicy<ILoggingEvent> policy = new SizeAndTimeBasedRollingPolicy<>();
		policy.setContext(context);
		policy.setParent(appender);
		policy.setFileNamePattern(rotation.fileNamePattern(file));
		policy.setMaxFileSize(FileSize.valueOf(rotation.maxSizeMb() + "MB"));
		policy.setMaxHistory(rotation.maxAgeDays());
		policy.setTotalSizeCap(FileSize.valueOf(rotation.totalSizeCapMb() + "MB"));
		policy.start();
		appender.setRollingPolicy(policy);
		appender.start();
		if (!appender.isStarted()) {
			throw new IllegalStateException(
					"Cannot write the log " + file + ": " + context.getStatusManager().getCopyOfStatusList());
		}
		Logger logger = context.getLogger("console");
		logger.setAdditive(false);
		logger.setLevel(Level.INFO);
		logger.addAppender(appender);
		return logger;
	}

	/** Collects bytes into lines (UTF-8) and logs each complete line. */
	private static final class LineSink extends OutputStream {

		private final Logger logger;

		private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);

		LineSink(Logger logger) {
			this.logger = logger;
		}

		@Override
		public synchronized void write(int b) {
			if (b == '\n') {
				emit();
			}
			else {
				this.line.write(b);
			}
		}

		@Override
		public synchronized void write(byte[] bytes, int offset, int length) {
			int start = offset;
			for (int i = offset; i < offset + length; i++) {
				if (bytes[i] == '\n') {
					this.line.write(bytes, start, i - start);
					emit();
					start = i + 1;
				}
			}
			this.line.write(bytes, start, offset + length - start);
		}

		private void emit() {
			int size = this.line.size();
			byte[] bytes = this.line.toByteArray();
			int end = (size > 0 && bytes[size - 1] == '\r') ? size - 1 : size;
			this.logger.info(new String(bytes, 0, end, StandardCharsets.UTF_8));
			this.line.reset();
		}

	}

}
