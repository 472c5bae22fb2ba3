package dev.moonlight.config;

import java.io.IOException;
import java.net.ServerSocket;

import org.junit.jupiter.api.Test;

import dev.moonlight.testapp.TestApplication;
import dev.moonlight.testing.RunningApp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Configuration seen from a whole boot: a bad file stops it with file, line and key; the
 * address is honoured.
 */
class ConfigBootTests {

	@Test
	void aMalformedSettingsLineFailsTheBootNamingFileLineAndText() {
		Throwable failure = catchThrowable(() -> RunningApp.of(TestApplication.class).settings("""
				[server]
				PORT = 8000
				this line is not valid
				""").start());
		assertThat(configException(failure)).hasMessageStartingWith("environment/settings.ini:3:")
			.hasMessageContaining("this line is not valid");
	}

	@Test
	void aNonNumericPortFailsTheBootNamingTheKey() {
		Throwable failure = catchThrowable(() -> RunningApp.of(TestApplication.class)
			.configuredPort()
			.settings("[server]\nPORT = eighty\n")
			.start());
		assertThat(configException(failure)).hasMessageStartingWith("environment/settings.ini:2:")
			.hasMessageContaining("PORT")
			.hasMessageContaining("eighty");
	}

	private static ConfigException configException(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof ConfigException config) {
				return config;
			}
		}
		throw new AssertionError("the boot should fail with a ConfigException, but failed with " + failure);
	}

	@Test
	void theServerListensOnThePortSettingsIniNames() throws IOException {
		int port;
		try (ServerSocket probe = new ServerSocket(0)) {
			port = probe.getLocalPort();
		}
		try (RunningApp app = RunningApp.of(TestApplication.class)
			.configuredPort()
			.settings("[server]\nHOST = 127.0.0.1\nPORT = " + port + "\n")
			.start()) {
			assertThat(app.port()).as("[server] PORT is where the server listens").isEqualTo(port);
			app.client().get().uri("/api/v1/ping").exchange().expectStatus().isOk();
		}
	}

	@Test
	void processEnvironmentPortOutranksSettingsIni() throws IOException {
		int port;
		try (ServerSocket probe = new ServerSocket(0)) {
			port = probe.getLocalPort();
		}
		try (RunningApp app = RunningApp.of(TestApplication.class)
			.property("PORT=" + port)
			.settings("[server]\nPORT = 1\n")
			.start()) {
			assertThat(app.port()).isEqualTo(port);
		}
	}

}
