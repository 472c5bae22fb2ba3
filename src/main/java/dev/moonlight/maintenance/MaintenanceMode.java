package dev.moonlight.maintenance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import dev.moonlight.config.ConfigException;
import dev.moonlight.config.DotEnv;
import dev.moonlight.config.IniDocument;
import dev.moonlight.supervision.Supervised;

/**
 * The live maintenance switch: the configuration ({@code [maintenance]} in settings.ini,
 * edited by hand) and the runtime switch ({@code maintenance:on|off}) in its
 * {@link MaintenanceStore} (the file, or the shared database's row), combined as
 * {@link MaintenanceSwitch} says. Requests read one volatile reference; a background
 * thread looks at settings.ini every {@link #POLL} and at the store once per its refresh
 * interval, re-parsing only what changed, so an edit, a command, or another instance's
 * command takes effect within about a second without a restart and without any file or
 * database work per request. A switch that cannot be read or no longer parses is reported
 * once and the last good state stays.
 */
public final class MaintenanceMode implements SmartLifecycle {

	static final Duration POLL = Duration.ofMillis(250);

	private static final Logger logger = LoggerFactory.getLogger(MaintenanceMode.class);

	private final Path settingsFile;

	private final MaintenanceStore runtime;

	private final Duration refresh;

	private final Clock clock;

	private Instant switchReadAt = Instant.EPOCH;

	/** Whether the last read of the switch failed, so a failure is logged once. */
	private boolean switchFailing;

	private final DotEnv dotEnv;

	private final Function<String, String> processEnv;

	private final AtomicReference<MaintenanceState> state;

	private ScheduledExecutorService watcher;

	private MaintenanceState configured;

	private String settingsText;

	private String switchText;

	/**
	 * @param runtime where {@code maintenance:on} records the switch
	 * @param refresh how stale this instance's view of the switch may be (how often it
	 * reads the store)
	 */
	MaintenanceMode(Path projectDir, MaintenanceStore runtime, Duration refresh, Clock clock, IniDocument bootIni,
			DotEnv dotEnv, Function<String, String> processEnv) {
		this.settingsFile = projectDir.resolve(IniDocument.FILE);
		this.runtime = runtime;
		this.refresh = refresh;
		this.clock = clock;
		this.dotEnv = dotEnv;
		this.processEnv = processEnv;
		this.configured = MaintenanceSettings.read(bootIni, dotEnv, processEnv);
		this.settingsText = readSettings();
		this.state = new AtomicReference<>(configured);
		this.switchText = null;
		reload();
	}

	/** What the gate enforces now. */
	public MaintenanceState state() {
		return state.get();
	}

	/**
	 * Turns maintenance on now, recorded in the store ({@link #where}) so a restart, and
	 * every instance that shares the store, keeps it on.
	 */
	public synchronized MaintenanceState turnOn(String message, Long retryAfterSeconds, String bypassToken)
			throws IOException {
		runtime.turnOn(message, retryAfterSeconds, bypassToken);
		switchReadAt = Instant.EPOCH;
		return reload();
	}

	/** Where the runtime switch lives: {@link MaintenanceStore#where}. */
	public String where() {
		return runtime.where();
	}

	/**
	 * Turns the runtime maintenance off now, forgetting its bypass token. Maintenance
	 * stays on when the configuration says so: the answer's {@code enabled} tells.
	 */
	public synchronized MaintenanceState turnOff() throws IOException {
		runtime.turnOff();
		switchReadAt = Instant.EPOCH;
		return reload();
	}

	private synchronized MaintenanceState reload() {
		String settings = readSettings();
		if (settings != null && !settings.equals(settingsText)) {
			try {
				configured = MaintenanceSettings.read(IniDocument.parse(settings), dotEnv, processEnv);
			}
			catch (ConfigException ex) {
				logger.warn("Maintenance settings unchanged; settings.ini does not parse: {}", ex.getMessage());
			}
			settingsText = settings;
			apply();
		}
		Instant now = clock.instant();
		if (Duration.between(switchReadAt, now).compareTo(refresh) < 0) {
			return state.get();
		}
		switchReadAt = now;
		String switched = readSwitch();
		if (!Objects.equals(switched, switchText)) {
			switchText = switched;
			apply();
		}
		return state.get();
	}

	private void apply() {
		MaintenanceState next;
		try {
			next = MaintenanceSwitch.applyTo(configured, switchText);
		}
		catch (IOException ex) {
			logger.warn("Maintenance state unchanged: {}", ex.getMessage());
			return;
		}
		MaintenanceState previous = state.getAndSet(next);
		if (previous.enabled() != next.enabled()) {
			logger.info(next.enabled() ? "Maintenance mode is on: {}" : "Maintenance mode is off{}",
					next.enabled() ? next.message() : "");
		}
	}

	private String readSettings() {
		try {
			return Files.readString(settingsFile, StandardCharsets.UTF_8);
		}
		catch (NoSuchFileException ex) {
			return "";
		}
		catch (IOException ex) {
			logger.warn("Cannot read {}: {}", settingsFile, ex.toString());
			return null;
		}
	}

	/**
	 * The switch file's text, {@code null} when there is none; one that cannot be read
	 * keeps the last state.
	 */
	private String readSwitch() {
		try {
			String text = runtime.text();
			if (switchFailing) {
				switchFailing = false;
				logger.info("The maintenance switch in {} can be read again", runtime.where());
			}
			return text;
		}
		catch (IOException ex) {
			if (!switchFailing) {
				switchFailing = true;
				logger.warn("Maintenance state unchanged until {} can be read: {}", runtime.where(), ex.getMessage());
			}
			return switchText;
		}
	}

	@Override
	public synchronized void start() {
		watcher = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "maintenance-watch");
			thread.setDaemon(true);
			return thread;
		});
		watcher.scheduleWithFixedDelay(Supervised.periodic("maintenance-watch", this::reloadSafely), POLL.toMillis(),
				POLL.toMillis(), TimeUnit.MILLISECONDS);
	}

	private void reloadSafely() {
		try {
			reload();
		}
		catch (RuntimeException ex) {
			logger.warn("Maintenance watch failed once; it keeps watching", ex);
		}
	}

	@Override
	public synchronized void stop() {
		if (watcher != null) {
			watcher.shutdownNow();
			watcher = null;
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return watcher != null;
	}

}
