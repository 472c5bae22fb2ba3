package dev.moonlight.maintenance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.moonlight.config.DotEnv;
import dev.moonlight.config.IniDocument;
import dev.moonlight.storage.StorageDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 12, finding 4: after an {@link OutOfMemoryError} the settings.ini watcher stopped
 * for good (its periodic task was cancelled by the executor) and edits were ignored until
 * a restart. The watch is supervised now.
 */
@ExtendWith(OutputCaptureExtension.class)
class MaintenanceWatchSupervisionTests {

	@Test
	void theWatcherOutlivesAnErrorAndStillSeesEdits(@TempDir Path project, CapturedOutput output) throws Exception {
		Path ini = project.resolve(IniDocument.FILE);
		Files.createDirectories(ini.getParent());
		Files.writeString(ini, "[maintenance]\nENABLED = false\n");
		AtomicBoolean armed = new AtomicBoolean();
		AtomicBoolean thrown = new AtomicBoolean();
		// The process environment is read on every reload: the one place a test can make
		// a reload fail.
		Function<String, String> environment = (name) -> {
			if (armed.getAndSet(false)) {
				thrown.set(true);
				throw new OutOfMemoryError("injected");
			}
			return null;
		};
		MaintenanceMode mode = new MaintenanceMode(project,
				new MaintenanceSwitch(project, StorageDir.of(project, (name) -> null)), Duration.ZERO,
				Clock.systemUTC(), IniDocument.parse(Files.readString(ini)), DotEnv.empty(), environment);
		mode.start();
		try {
			armed.set(true);
			Files.writeString(ini, "[maintenance]\nENABLED = true\n");
			await().atMost(Duration.ofSeconds(5)).untilTrue(thrown);
			await().atMost(Duration.ofSeconds(5)).until(() -> mode.state().enabled());
			Files.writeString(ini, "[maintenance]\nENABLED = false\n");
			await().atMost(Duration.ofSeconds(5)).until(() -> !mode.state().enabled());
		}
		finally {
			mode.stop();
		}
		assertThat(output.getOut()).contains("ERROR")
			.contains("Background thread maintenance-watch failed")
			.contains("OutOfMemoryError: injected");
	}

}
