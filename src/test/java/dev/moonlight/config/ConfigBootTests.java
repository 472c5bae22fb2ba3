package dev.moonlight.config;

import java.io.IOException;
import java.net.ServerSocket;

import org.junit.jupiter.api.Test;

import dev.moonlight.testapp.TestApplication;
import dev.moonlight.testing.RunningApp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Configuration seen from a whole boot: a bad file stops it with file, line and key; the address is honoured. */
class ConfigBootTests {

	@Test
	void aMalformedSettingsLineFailsTheBootNamingFileLineAndText() {
		assertThatThrownBy(() -> RunningApp.of(TestApplication.class).settings("""
				[server]
				PORT = 8000
				this line is not valid
				""").start())
			.hasRootCauseInstanceOf(ConfigException.class)
			.rootCause()
			.hasMessageContaining("environment/settings.ini:3");
	}

	@Test
	void aNonNumericPortFailsTheBootNamingTheKey() {
		assertThatThrownBy(() -> RunningApp.of(TestApplication.class).configuredPort()
			.settings("[server]\nPORT = eighty\n").start())
			.rootCause()
			.isInstanceOf(ConfigException.class)
			.hasMessageContaining("environment/settings.ini:2")
			.hasMessageContaining("PORT");
	}

	@Test
	void theServerListensOnThePortSettingsIniNames() throws IOException {
		int port;
		try (ServerSocket probe = new ServerSocket(0)) {
			port = probe.getLocalPort();
		}
		try (RunningApp app = RunningApp.of(TestApplication.class).configuredPort()
			.settings("[server]\nHOST = 127.0.0.1\nPORT = " + port + "\n").start()) {
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
		try (RunningApp app = RunningApp.of(TestApplication.class).property("PORT=" + port)
			.settings("[server]\nPORT = 1\n").start()) {
			assertThat(app.port()).isEqualTo(port);
		}
	}

}
