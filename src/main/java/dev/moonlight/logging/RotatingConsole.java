package dev.moonlight.logging;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeAndTimeBasedRollingPolicy;
import ch.qos.logback.core.util.FileSize;

import dev.moonlight.reload.HandOverFile;

/**
 * A detached server's console, written to its log file through Logback's rolling
 * appender: everything the server prints (its log lines as on a terminal, the access log,
 * the banner) lands in one file that rolls by size and by day and keeps what
 * {@link LogRotation} allows. It lives in a Logback context of its own, so Boot's logging
 * set-up, which resets the default context, never touches it.
 * <p>
 * One process writes (and rolls) the file at a time. A reload's new process starts while
 * the old one still serves and drains, both with this console: until the old one has
 * exited, the new one writes its lines to a file of its own beside the log
 * ({@link #waitingFile}); then it opens the log, moves those lines into it, deletes the
 * file and goes on in the log. A new process that does not start leaves its lines there,
 * and the old one, which serves on, moves them into the log once it has exited
 * ({@link #takeInLinesOf}).
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
			PrintStream log = open(settings, predecessor());
			System.setOut(log);
			System.setErr(log);
		});
		return rotation.isPresent();
	}

	/** A stream whose lines go to the rotation's file, rolled as it says. */
	static PrintStream open(LogRotation rotation) {
		return open(rotation, Optional.empty());
	}

	/**
	 * As {@link #open(LogRotation)}, but while {@code predecessor} lives (it owns the
	 * file) the lines wait in {@link #waitingFile}.
	 */
	static PrintStream open(LogRotation rotation, Optional<ProcessHandle> predecessor) {
		return new PrintStream(LineSink.of(rotation, predecessor), true, StandardCharsets.UTF_8);
	}

	/**
	 * Where a reload's new process {@code pid} writes while the old one owns {@code log}.
	 */
	static Path waitingFile(Path log, long pid) {
		return log.resolveSibling(log.getFileName() + ".reload-" + pid);
	}

	/**
	 * In a detached server whose reload failed: once the new process {@code pid} has
	 * exited, the lines it wrote while waiting for the log go into this one's log.
	 */
	public static void takeInLinesOf(long pid) {
		Optional<Path> log = LogRotation.fromDetachedProperties(System::getProperty).flatMap(LogRotation::file);
		if (log.isEmpty()) {
			return;
		}
		Path waiting = waitingFile(log.get(), pid);
		ProcessHandle.of(pid)
			.map(ProcessHandle::onExit)
			.orElseGet(() -> CompletableFuture.completedFuture(null))
			.thenRun(() -> {
				for (String line : readAndDelete(waiting)) {
					System.out.println(line);
				}
			});
	}

	/** The lines of {@code file}, which is then deleted; none when there is no file. */
	private static List<String> readAndDelete(Path file) {
		try {
			List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
			Files.delete(file);
			return lines;
		}
		catch (NoSuchFileException ex) {
			return List.of();
		}
		catch (IOException ex) {
			return List.of("Cannot read " + file + ": " + ex.getMessage());
		}
	}

	/**
	 * The old process, in a reload's new one ({@link HandOverFile#VARIABLE} set): the
	 * parent that started it, while it lives.
	 */
	private static Optional<ProcessHandle> predecessor() {
		if (HandOverFile.ofEnvironment(System::getenv).isEmpty()) {
			return Optional.empty();
		}
		return ProcessHandle.current().parent().filter(ProcessHandle::isAlive);
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

	/**
	 * Collects bytes into lines (UTF-8) and logs each complete line, or writes it to the
	 * waiting file while another process owns the log.
	 */
	private static final class LineSink extends OutputStream {

		private final LogRotation rotation;

		private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);

		/** The log's, once this process owns it. */
		private Logger logger;

		/** The waiting file, while another process owns the log. */
		private Path waiting;

		private OutputStream waitingOut;

		private LineSink(LogRotation rotation) {
			this.rotation = rotation;
		}

		static LineSink of(LogRotation rotation, Optional<ProcessHandle> predecessor) {
			LineSink sink = new LineSink(rotation);
			if (predecessor.isEmpty()) {
				sink.logger = logger(rotation);
				return sink;
			}
			Path log = rotation.file().orElseThrow();
			sink.waiting = waitingFile(log, ProcessHandle.current().pid());
			try {
				sink.waitingOut = Files.newOutputStream(sink.waiting, StandardOpenOption.CREATE,
						StandardOpenOption.APPEND);
			}
			catch (IOException ex) {
				throw new IllegalStateException("Cannot write " + sink.waiting + ": " + ex.getMessage(), ex);
			}
			predecessor.get().onExit().thenRun(sink::takeOver);
			return sink;
		}

		/** The old process has exited: the log is this one's from now on. */
		private synchronized void takeOver() {
			Logger opened;
			try {
				opened = logger(this.rotation);
			}
			catch (IllegalStateException ex) {
				// The lines keep waiting beside the log, where they are not lost.
				return;
			}
			try {
				this.waitingOut.close();
			}
			catch (IOException ex) {
				// Written line by line, unbuffered: nothing is left to flush.
			}
			this.logger = opened;
			readAndDelete(this.waiting).forEach(this.logger::info);
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
			this.line.reset();
			if (this.logger != null) {
				this.logger.info(new String(bytes, 0, end, StandardCharsets.UTF_8));
				return;
			}
			try {
				// One write a line, so the file never holds half of one.
				byte[] whole = new byte[end + 1];
				System.arraycopy(bytes, 0, whole, 0, end);
				whole[end] = '\n';
				this.waitingOut.write(whole);
			}
			catch (IOException ex) {
				// Nowhere else to say it: this stream is the process's console.
			}
		}

	}

}
