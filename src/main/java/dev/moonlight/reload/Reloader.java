package dev.moonlight.reload;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;

import com.zaxxer.hikari.HikariDataSource;

import dev.moonlight.config.DatabaseSettings;
import dev.moonlight.database.FileHandOver;
import dev.moonlight.database.H2FileUrl;
import dev.moonlight.storage.StorageDir;

/**
 * RoadRunner's {@code rr reset} for a JVM: starts this process again from the same
 * command line (so a jar replaced on disk is the new code), in the same folder and
 * environment, and once the new process says it serves, drains and stops this one. Its
 * listeners share the ports ({@code SO_REUSEPORT}), so the address never refuses a
 * connection. A new process that fails to start, or does not serve within the start
 * timeout, leaves this one serving, and the reason is in the {@link HandOverFile}, where
 * the {@code reload} command reads it. An embedded H2 file, which one process at a time
 * can open, is served to the new process by this one until it takes the file over
 * ({@link SharedEmbeddedDatabase}).
 */
public final class Reloader implements ApplicationListener<ApplicationEvent> {

	private static final Logger logger = LoggerFactory.getLogger(Reloader.class);

	private static final Duration POLL = Duration.ofMillis(100);

	private static final Duration KILL_GRACE = Duration.ofSeconds(10);

	/**
	 * How a refusal from a server that is stopping begins: the {@code reload} command
	 * then asks again.
	 */
	public static final String STOPPING = "This server is stopping";

	/**
	 * How a refusal from a server that has not finished its own start begins: asked
	 * again, too.
	 */
	public static final String STARTING = "This server is still starting";

	/**
	 * How a refusal from a server whose database lent no connection in time begins (its
	 * pool is busy, or has just taken the file over from the process it replaced): asked
	 * again, too.
	 */
	public static final String DATABASE_BUSY = "This server's database is busy";

	private final StorageDir storage;

	private final DatabaseSettings database;

	private final Supplier<DataSource> dataSource;

	private final Runnable stopThisProcess;

	private final ApplicationEventPublisher events;

	private final Duration startTimeout;

	private Process successor;

	/**
	 * This process's embedded database, served to the new process while a reload runs.
	 */
	private SharedEmbeddedDatabase shared;

	/**
	 * Set when this process begins to stop (a reload handed over, SIGTERM, stopserver):
	 * it starts nothing more.
	 */
	private boolean stopping;

	/**
	 * Set once this process accepts traffic; a process still booting (a reload's new one)
	 * starts nothing.
	 */
	private boolean accepting;

	/** Set once the new process said it serves: from then on this one only drains. */
	private boolean handedOver;

	/**
	 * @param storage where the hand-over file goes
	 * @param database an embedded H2 file is served to the new process until it takes it
	 * over; one in memory is refused
	 * @param dataSource this process's pool, through which an embedded database is served
	 * @param stopThisProcess the graceful shutdown (drain, then close) once the new
	 * process serves
	 * @param startTimeout how long the new process may take to serve
	 * @param events told when the new process serves ({@link ReloadHandedOver})
	 */
	public Reloader(StorageDir storage, DatabaseSettings database, Supplier<DataSource> dataSource,
			Runnable stopThisProcess, Duration startTimeout, ApplicationEventPublisher events) {
		this.storage = storage;
		this.database = database;
		this.dataSource = dataSource;
		this.stopThisProcess = stopThisProcess;
		this.startTimeout = startTimeout;
		this.events = events;
	}

	/**
	 * Starts the new process and returns; a thread follows it until it serves (this
	 * process then stops) or fails.
	 * @return the new process and the file that will say how its start went
	 * @throws ReloadRefusedException when a reload is under way already, the database is
	 * embedded, or the command line of this process cannot be read
	 */
	public synchronized Started start() {
		if (stopping) {
			// While the two share the ports, the admin RPC may reach the old one: the
			// next try reaches the new one.
			throw new ReloadRefusedException(STOPPING + " (pid " + ProcessHandle.current().pid() + "); try again in a "
					+ "moment to reload the one that serves on.");
		}
		if (!accepting) {
			throw new ReloadRefusedException(
					STARTING + " (pid " + ProcessHandle.current().pid() + "); try again once it " + "serves.");
		}
		if (successor != null && successor.isAlive()) {
			throw new ReloadRefusedException("A reload is under way already: pid " + successor.pid() + " is starting.");
		}
		embeddedReason(database).ifPresent((reason) -> {
			throw new ReloadRefusedException(reason);
		});
		long self = ProcessHandle.current().pid();
		if (self == 1) {
			// A container's main process: once it exits, the kernel ends every process of
			// the container.
			throw new ReloadRefusedException("This server is its container's main process (pid 1): when it hands "
					+ "over and exits, the container ends with the new process. Replace the container instead (start the "
					+ "new one, then stop this one behind the load balancer).");
		}
		if (stillReachingTheOldDatabase()) {
			throw new ReloadRefusedException(STARTING + " (pid " + self + "): it still reaches the database through "
					+ "the process it replaced; try again in a moment.");
		}
		HandOverFile file = HandOverFile.of(storage, self);
		List<String> command = commandLine();
		SharedEmbeddedDatabase sharing = embeddedFile(database)
				? SharedEmbeddedDatabase.start(dataSource.get(), database) : null;
		Process process = null;
		try {
			file.delete();
			DatabaseHandOver.beside(file).delete();
			ProcessBuilder builder = new ProcessBuilder(command).directory(new File(System.getProperty("user.dir")))
				.redirectOutput(ProcessBuilder.Redirect.INHERIT)
				.redirectError(ProcessBuilder.Redirect.INHERIT);
			File devNull = new File("/dev/null");
			if (devNull.exists()) {
				builder.redirectInput(devNull);
			}
			builder.environment().put(HandOverFile.VARIABLE, file.path().toString());
			if (sharing != null) {
				builder.environment().put(SharedEmbeddedDatabase.VARIABLE, sharing.successorUrl());
			}
			process = builder.start();
		}
		catch (IOException ex) {
			throw new ReloadRefusedException("Cannot start the new process: " + ex.getMessage(), ex);
		}
		finally {
			if (process == null && sharing != null) {
				sharing.stop();
			}
		}
		Process started = process;
		successor = started;
		shared = sharing;
		logger.info("Reload: started pid {}; this process (pid {}) serves until it is ready", started.pid(), self);
		Thread follower = new Thread(() -> follow(started, file), "moonlight-reload");
		follower.setDaemon(true);
		follower.start();
		return new Started(self, process.pid(), file.path());
	}

	/**
	 * This process stops (SIGTERM, stopserver, or the hand-over itself). A new process
	 * still starting would outlive the follower thread and serve after "Stopped.": it is
	 * stopped too, and the reason recorded.
	 */
	@Override
	public void onApplicationEvent(ApplicationEvent event) {
		if (event instanceof AvailabilityChangeEvent<?> change
				&& change.getState() == ReadinessState.ACCEPTING_TRAFFIC) {
			synchronized (this) {
				accepting = true;
			}
		}
		else if (event instanceof ContextClosedEvent) {
			Process starting;
			synchronized (this) {
				stopping = true;
				starting = (!handedOver && successor != null && successor.isAlive()) ? successor : null;
			}
			if (starting != null) {
				logger.info("Reload: this process stops, so the new process (pid {}) it was starting is stopped too",
						starting.pid());
				starting.destroy();
				record(HandOverFile.of(storage, ProcessHandle.current().pid()), starting,
						"the old process was asked to stop while the new one was starting, so both stop");
				stopSharing(starting);
			}
		}
	}

	/**
	 * Until the new process serves, fails, exits or runs out of time; then stops this
	 * one, or keeps it serving.
	 */
	private void follow(Process process, HandOverFile file) {
		try {
			followUntilDone(process, file);
		}
		catch (RuntimeException ex) {
			// Nothing may leave a reload "under way" for ever: the new process is
			// stopped, this one serves on.
			logger.error("Reload: following pid {} failed; it is stopped and this process serves on", process.pid(),
					ex);
			stop(process);
			forget(process);
			failed(process.pid());
		}
	}

	private void followUntilDone(Process process, HandOverFile file) {
		Instant deadline = Instant.now().plus(startTimeout);
		while (true) {
			Optional<HandOverFile.Outcome> outcome = file.read().filter((said) -> said.pid() == process.pid());
			if (outcome.isPresent()) {
				finish(process, outcome.get());
				return;
			}
			if (!process.isAlive()) {
				// It may have said why just before exiting.
				outcome = file.read().filter((said) -> said.pid() == process.pid());
				finish(process, outcome.orElseGet(() -> record(file, process, "it stopped while starting (exit code "
						+ process.exitValue() + "); its output is in this server's log")));
				return;
			}
			if (Instant.now().isAfter(deadline)) {
				stop(process);
				finish(process, record(file, process,
						"it did not serve within " + startTimeout.toSeconds() + " s, so it was stopped"));
				return;
			}
			try {
				process.waitFor(POLL.toMillis(), TimeUnit.MILLISECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	private void finish(Process process, HandOverFile.Outcome outcome) {
		if (outcome.ready() && process.isAlive()) {
			synchronized (this) {
				handedOver = true;
			}
			// A supervisor that follows a pid file (systemd's PIDFile=) must find the new
			// process before this one exits, however the reload was asked (command, RPC,
			// SIGHUP).
			pointPidFilesAt(process.pid());
			logger.info("Reload: pid {} serves; this process drains and stops", process.pid());
			SharedEmbeddedDatabase sharing = sharedWith(process);
			HandOverFile file = HandOverFile.of(storage, ProcessHandle.current().pid());
			Thread stop = new Thread(() -> {
				handedOver(process.pid());
				stopThisProcess.run();
				if (sharing != null) {
					sharing.handOver(DatabaseHandOver.beside(file), process.toHandle());
				}
			}, "moonlight-reload-stop");
			// Not a daemon, unlike the follower thread that starts it: the JVM must not
			// exit halfway through the drain, nor, once the last other thread has ended,
			// before the new process has the database.
			stop.setDaemon(false);
			stop.start();
		}
		else {
			forget(process);
			logger.warn("Reload failed, this process keeps serving: the new process (pid {}) did not start: {}",
					process.pid(), outcome.ready() ? "it said it serves, then exited" : outcome.reason());
			failed(process.pid());
		}
	}

	/** Tells the listeners that this process serves on; none of them may stop it. */
	private void failed(long successor) {
		try {
			events.publishEvent(new ReloadFailed(this, successor));
		}
		catch (RuntimeException ex) {
			logger.warn("Reload: a listener of the failed reload to pid {} failed: {}", successor, ex.toString());
		}
	}

	/**
	 * Tells the listeners; the new process serves already, so nothing they throw may stop
	 * this one's drain.
	 */
	private void handedOver(long successor) {
		try {
			events.publishEvent(new ReloadHandedOver(this, successor));
		}
		catch (RuntimeException ex) {
			logger.warn("Reload: a listener of the hand-over to pid {} failed: {}", successor, ex.toString());
		}
	}

	/**
	 * A failed new process no longer blocks the next reload, even in the moment it takes
	 * to exit.
	 */
	private synchronized void forget(Process process) {
		if (successor == process) {
			successor = null;
		}
		stopSharing(process);
	}

	private synchronized SharedEmbeddedDatabase sharedWith(Process process) {
		return (successor == process) ? shared : null;
	}

	/** The new process did not start: this one's database is no longer served to it. */
	private synchronized void stopSharing(Process process) {
		if (shared != null && (successor == null || successor == process)) {
			shared.stop();
			shared = null;
		}
	}

	/**
	 * Every {@code storage/run/*.pid} that names this process names {@code pid} from now
	 * on.
	 */
	private void pointPidFilesAt(long pid) {
		String self = Long.toString(ProcessHandle.current().pid());
		try (DirectoryStream<Path> files = Files.newDirectoryStream(storage.run(), "*.pid")) {
			for (Path file : files) {
				if (self.equals(Files.readString(file, StandardCharsets.UTF_8).strip())) {
					Path temporary = Files.createTempFile(storage.run(), ".pid", ".tmp");
					Files.writeString(temporary, pid + System.lineSeparator(), StandardCharsets.UTF_8);
					Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
				}
			}
		}
		catch (NoSuchFileException ex) {
			// No run folder, no pid file: nothing follows one.
		}
		catch (IOException ex) {
			logger.warn("Reload: cannot point the pid file at pid {}: {}", pid, ex.getMessage());
		}
	}

	/** Says in the file what the new process could not say itself. */
	private static HandOverFile.Outcome record(HandOverFile file, Process process, String reason) {
		try {
			file.failed(process.pid(), reason);
		}
		catch (IOException ex) {
			logger.warn("Reload: cannot write {}: {}", file.path(), ex.getMessage());
		}
		return new HandOverFile.Outcome(false, process.pid(), reason);
	}

	private static void stop(Process process) {
		process.destroy();
		try {
			if (!process.waitFor(KILL_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
				process.destroyForcibly();
			}
		}
		catch (InterruptedException ex) {
			process.destroyForcibly();
			Thread.currentThread().interrupt();
		}
	}

	/** Why this database cannot be handed to a second process, or empty when it can. */
	static Optional<String> embeddedReason(DatabaseSettings database) {
		String url = database.jdbcUrl().toLowerCase(Locale.ROOT);
		if (database.kind() != DatabaseSettings.Kind.H2) {
			return Optional.empty();
		}
		String named = " (" + database.jdbcUrl().split(";", 2)[0]
				+ "). Restart it instead (stopserver, then runserver),"
				+ " or use PostgreSQL (DATABASE_URL) or an H2 server (jdbc:h2:tcp://...).";
		if (url.startsWith("jdbc:h2:mem:")) {
			return Optional.of("Reload needs a database the new process can open, and this server's H2 database lives "
					+ "in its memory" + named);
		}
		if (url.contains(";auto_server=true")) {
			return Optional.of("Reload cannot hand over an H2 file opened with AUTO_SERVER=TRUE, whose own server ends "
					+ "with this process" + named);
		}
		if (embeddedFile(database) && H2FileUrl.path(database.jdbcUrl()).isEmpty()) {
			return Optional
				.of("Reload hands over an H2 database in a plain file (jdbc:h2:file:...), not one in another "
						+ "of H2's file systems" + named);
		}
		return Optional.empty();
	}

	/**
	 * A reload's new process that has not yet taken the embedded file over cannot hand it
	 * on.
	 */
	private boolean stillReachingTheOldDatabase() {
		DataSource pool = dataSource.get();
		try {
			return pool != null && pool.isWrapperFor(HikariDataSource.class)
					&& pool.unwrap(HikariDataSource.class).getDataSource() instanceof FileHandOver handOver
					&& !handOver.fileOpened();
		}
		catch (SQLException ex) {
			return false;
		}
	}

	/**
	 * An H2 database in a file this process has open: served to the new process until it
	 * takes the file over.
	 */
	static boolean embeddedFile(DatabaseSettings database) {
		String url = database.jdbcUrl().toLowerCase(Locale.ROOT);
		return database.kind() == DatabaseSettings.Kind.H2 && !url.startsWith("jdbc:h2:mem:")
				&& !url.startsWith("jdbc:h2:tcp:") && !url.startsWith("jdbc:h2:ssl:")
				&& !url.contains(";auto_server=true");
	}

	/**
	 * This JVM's own command line, debugger agents left out (their port is taken).
	 * Linux's {@code /proc/self/cmdline} has it whole;
	 * {@link ProcessHandle.Info#arguments} gives nothing for a long one (a test's class
	 * path).
	 */
	private static List<String> commandLine() {
		ProcessHandle.Info info = ProcessHandle.current().info();
		List<String> arguments = procCommandLine().or(() -> info.arguments().map(List::of)).orElse(List.of());
		if (arguments.isEmpty()) {
			throw new ReloadRefusedException("Cannot read this process's command line to start it again; restart it "
					+ "instead (stopserver, then runserver).");
		}
		List<String> command = new ArrayList<>();
		// java.home, not /proc/self/exe: once a package upgrade replaced the JDK in
		// place, that one reads "(deleted)".
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		for (String argument : arguments) {
			if (!argument.startsWith("-agentlib:jdwp") && !argument.startsWith("-Xrunjdwp")
					&& !argument.equals("-Xdebug")) {
				command.add(argument);
			}
		}
		return command;
	}

	/**
	 * The arguments after the program's name, from {@code /proc/self/cmdline}
	 * (NUL-separated); empty elsewhere.
	 */
	private static Optional<List<String>> procCommandLine() {
		Path cmdline = Path.of("/proc/self/cmdline");
		if (!Files.isReadable(cmdline)) {
			return Optional.empty();
		}
		try {
			String text = new String(Files.readAllBytes(cmdline), StandardCharsets.UTF_8);
			List<String> parts = List.of(text.split("\0"));
			return (parts.size() > 1) ? Optional.of(parts.subList(1, parts.size())) : Optional.empty();
		}
		catch (IOException ex) {
			return Optional.empty();
		}
	}

	/**
	 * A reload begun.
	 *
	 * @param pid this process
	 * @param successor the new process
	 * @param statusFile where the new process says how its start went
	 */
	public record Started(long pid, long successor, Path statusFile) {
	}

}
