package dev.moonlight.devreload;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.moonlight.config.RrYaml;
import dev.moonlight.testapp.TestServer;
import dev.moonlight.testing.ServerProcess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@code .rr.yaml reload}: DevTools restarts the application when a file changes. */
class DevReloadTests {

	@TempDir
	Path project;

	@Test
	void theSectionBecomesDevToolsRestartProperties() {
		// A folder outside the project, named by its absolute path.
		Path shared = this.project.resolveSibling(this.project.getFileName() + "-shared");
		RrYaml rr = RrYaml.parse("""
				reload:
				  interval: 2s
				  services:
				    http:
				      dirs: ["templates", "%s"]
				""".formatted(shared), (name) -> null);
		assertThat(ReloadSection.read(rr, this.project).springProperties(this.project))
			.isEqualTo(Map.of("spring.devtools.restart.poll-interval", "2000ms", "spring.devtools.restart.quiet-period",
					"400ms", "spring.devtools.restart.additional-paths",
					this.project + "," + this.project.resolve("templates") + "," + shared,
					"spring.devtools.restart.additional-exclude", ReloadSection.NOT_CONFIGURATION));
	}

	@Test
	void withoutTheSectionDevToolsDoesNotRestart() throws Exception {
		assertThat(DevReloadRunListener.reloadWritten(this.project)).isFalse();
		Files.writeString(this.project.resolve(".rr.yaml"), "reload:\n  interval: 1s\n");
		assertThat(DevReloadRunListener.reloadWritten(this.project)).isTrue();
	}

	@Test
	void aChangedConfigFileRestartsTheServerInPlace() throws Exception {
		Files.writeString(this.project.resolve(".rr.yaml"), "reload:\n  interval: 300ms\n");
		Files.createDirectories(this.project.resolve("environment"));
		Files.writeString(this.project.resolve("environment/settings.ini"), "[server]\n");
		int port = ServerProcess.freePort();
		try (ServerProcess server = ServerProcess.start(TestServer.class, this.project, port)) {
			server.awaitReady(Duration.ofSeconds(90));
			long pid = server.pid();
			Files.writeString(this.project.resolve("environment/settings.ini"), "[server]\n; changed\n");
			await().atMost(Duration.ofSeconds(60))
				.untilAsserted(() -> assertThat(server.log()).as(server.log()).contains("Restarting due to"));
			server.awaitReady(Duration.ofSeconds(90));
			assertThat(server.pid()).as("the same process, restarted in place").isEqualTo(pid);
		}
	}

}
