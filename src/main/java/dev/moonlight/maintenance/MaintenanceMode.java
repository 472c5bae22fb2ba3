package dev.moonlight.maintenance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
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
 * The live maintenance switch. Requests read one volatile reference; a background thread looks at settings.ini
 * every {@link #POLL} and re-parses it only when its text changed, so an edit (or {@code maintenance:on} from the
 * command line) takes effect within a second without a restart and without any file work per request. A file that
 * no longer parses is reported once and the last good state stays.
 */
public final class MaintenanceMode implements SmartLifecycle {

	static final Duration POLL = Duration.ofMillis(250);

	private static final Logger logger = LoggerFactory.getLogger(MaintenanceMode.class);

	private final MaintenanceFile file;

	private final DotEnv dotEnv;

	private final Function<String, String> processEnv;

	private final AtomicReference<MaintenanceState> state;

	private ScheduledExecutorService watcher;

	private String lastText;

	MaintenanceMode(MaintenanceFile file, IniDocument bootIni, DotEnv dotEnv, Function<String, String> processEnv) {
		this.file = file;
		this.dotEnv = dotEnv;
		this.processEnv = processEnv;
		this.state = new AtomicReference<>(MaintenanceSettings.read(bootIni, dotEnv, processEnv));
		this.lastText = readText();
	}

	/** What the gate enforces now. */
	public MaintenanceState state() {
		return state.get();
	}

	/** Turns maintenance on now and records it in settings.ini, so a restart keeps it on. */
	public synchronized MaintenanceState turnOn(String message, Long retryAfterSeconds, String bypassToken)
			throws IOException {
		file.turnOn(message, retryAfterSeconds, bypassToken);
		return reload();
	}

	/** Turns maintenance off now and records it in settings.ini. */
	public synchronized MaintenanceState turnOff() throws IOException {
		file.turnOff();
		return reload();
	}

	private synchronized MaintenanceState reload() {
		String text = readText();
		if (text != null && !text.equals(lastText)) {
			try {
				MaintenanceState next = MaintenanceSettings.read(IniDocument.parse(text), dotEnv, processEnv);
				MaintenanceState previous = state.getAndSet(next);
				if (previous.enabled() != next.enabled()) {
					logger.info(next.enabled() ? "Maintenance mode is on: {}" : "Maintenance mode is off{}",
							next.enabled() ? next.message() : "");
				}
			}
			catch (ConfigException ex) {
				logger.warn("Maintenance settings unchanged; settings.ini does not parse: {}", ex.getMessage());
			}
			lastText = text;
		}
		return state.get();
	}

	private String readText() {
		try {
			return Files.readString(file.path(), StandardCharsets.UTF_8);
		}
		catch (NoSuchFileException ex) {
			return "";
		}
		catch (IOException ex) {
			logger.warn("Cannot read {}: {}", file.path(), ex.toString());
			return null;
		}
	}

	@Override
	public synchronized void start() {
		watcher = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "maintenance-watch");
			thread.setDaemon(true);
			return thread;
		});
		watcher.scheduleWithFixedDelay(Supervised.periodic("maintenance-watch", this::reloadSafely), POLL.toMillis(), POLL.toMillis(), TimeUnit.MILLISECONDS);
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

	Path settingsFile() {
		return file.path();
	}

}
