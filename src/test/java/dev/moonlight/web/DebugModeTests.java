package dev.moonlight.web;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.moonlight.testapp.TestApplication;
import dev.moonlight.testing.RunningApp;

/**
 * {@code DEBUG=true}: the ping describes the server and a 500 shows what went wrong
 * (never in production).
 */
class DebugModeTests {

	private static RunningApp app;

	@BeforeAll
	static void start() {
		app = RunningApp.of(TestApplication.class).dotEnv("DEBUG=true\nAPP_NAME=notes-api\n").start();
	}

	@AfterAll
	static void stop() {
		app.close();
	}

	@Test
	void theDebugPingDescribesAppVersionPortAndScheme() {
		app.client()
			.get()
			.uri("/api/v1/ping")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.returnMessage")
			.isEqualTo("pong")
			.jsonPath("$.returnData.app")
			.isEqualTo("notes-api")
			.jsonPath("$.returnData.version")
			.isEqualTo("v1")
			.jsonPath("$.returnData.port")
			.isEqualTo(app.port())
			.jsonPath("$.returnData.scheme")
			.isEqualTo("http");
	}

	@Test
	void aDebug500ShowsTheExceptionAndItsTrace() {
		app.call("{\"service\":\"notes\",\"action\":\"broken\"}")
			.expectStatus()
			.isEqualTo(500)
			.expectBody()
			.jsonPath("$.returnCode")
			.isEqualTo(500)
			.jsonPath("$.returnMessage")
			.isEqualTo("secret internals: password=hunter2")
			.jsonPath("$.returnData.exception")
			.isEqualTo("java.lang.IllegalStateException")
			.jsonPath("$.returnData.trace")
			.isArray();
	}

}
