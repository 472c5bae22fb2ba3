package dev.moonlight.web;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

import dev.moonlight.testapp.TestApplication;
import dev.moonlight.testing.RunningApp;

/** {@code HTTPS_ONLY=true}: plain-HTTP API calls are refused unless a trusted proxy vouches for TLS. */
class HttpsOnlyTests {

	@Test
	void plainHttpIsRefusedWithA403Envelope() {
		try (RunningApp app = RunningApp.of(TestApplication.class).dotEnv("HTTPS_ONLY=true\n").start()) {
			app.client().post().uri("/api/v1/").contentType(MediaType.APPLICATION_JSON)
				.bodyValue("{\"service\":\"notes\",\"action\":\"echo\"}")
				.exchange()
				.expectStatus().isForbidden()
				.expectHeader().exists("X-Request-Id")
				.expectBody()
				.jsonPath("$.returnCode").isEqualTo(403)
				.jsonPath("$.returnMessage").isEqualTo("Only HTTPS connections are allowed");
			app.client().get().uri("/api/v1/ping").header("X-Forwarded-Proto", "https").exchange()
				.expectStatus().isForbidden();
		}
	}

	@Test
	void forwardedProtoCountsOnlyFromATrustedProxy() {
		try (RunningApp app = RunningApp.of(TestApplication.class)
			.settings("[server]\nHTTPS_ONLY = on\nTRUSTED_PROXIES = 10.0.0.0/8, 127.0.0.1\n")
			.property("DEBUG=true")
			.start()) {
			app.client().get().uri("/api/v1/ping").header("X-Forwarded-Proto", "https").exchange()
				.expectStatus().isOk()
				.expectBody().jsonPath("$.returnData.scheme").isEqualTo("https");
			app.client().get().uri("/api/v1/ping").header("X-Forwarded-Proto", "http").exchange()
				.expectStatus().isForbidden();
		}
		try (RunningApp app = RunningApp.of(TestApplication.class)
			.settings("[server]\nHTTPS_ONLY = on\nTRUSTED_PROXIES = 10.0.0.0/8, ::1\n")
			.start()) {
			app.client().get().uri("/api/v1/ping").header("X-Forwarded-Proto", "https").exchange()
				.expectStatus().isForbidden();
		}
	}

	@Test
	void aBadProxyEntryFailsTheBootNamingIt() {
		org.assertj.core.api.Assertions
			.assertThatThrownBy(() -> RunningApp.of(TestApplication.class)
				.settings("[server]\nTRUSTED_PROXIES = 127.0.0.1, proxy.internal\n")
				.start())
			.rootCause()
			.hasMessageContaining("environment/settings.ini:2: [server] TRUSTED_PROXIES")
			.hasMessageContaining("'proxy.internal' is not one");
	}

}
