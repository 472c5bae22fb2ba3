package dev.moonlight.web;

import org.junit.jupiter.api.Test;

import dev.moonlight.testapp.TestApplication;
import dev.moonlight.testing.RunningApp;

/**
 * {@code HTTPS_ONLY=true}: plain-HTTP API calls are refused unless a trusted proxy
 * vouches for TLS.
 */
class HttpsOnlyTests {

	@Test
	void plainHttpIsRefusedWithA403Envelope() {
		try (RunningApp app = RunningApp.of(TestApplication.class).dotEnv("HTTPS_ONLY=true\n").start()) {
			app.call("{\"service\":\"notes\",\"action\":\"echo\"}")
				.expectStatus()
				.isForbidden()
				.expectHeader()
				.exists("X-Request-Id")
				.expectBody()
				.jsonPath("$.returnCode")
				.isEqualTo(403)
				.jsonPath("$.returnMessage")
				.isEqualTo("Only HTTPS connections are allowed");
			app.client()
				.get()
				.uri("/api/v1/ping")
				.header("X-Forwarded-Proto", "https")
				.exchange()
				.expectStatus()
				.isForbidden();
		}
	}

	@Test
	void forwardedProtoCountsOnlyFromATrustedProxy() {
		try (RunningApp app = RunningApp.of(TestApplication.class)
			.settings("[server]\nHTTPS_ONLY = on\nTRUSTED_PROXIES = 10.0.0.0/8, 127.0.0.1\n")
			.property("DEBUG=true")
			.start()) {
			app.client()
				.get()
				.uri("/api/v1/ping")
				.header("X-Forwarded-Proto", "https")
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody()
				.jsonPath("$.returnData.scheme")
				.isEqualTo("https");
			app.client()
				.get()
				.uri("/api/v1/ping")
				.header("X-Forwarded-Proto", "http")
				.exchange()
				.expectStatus()
				.isForbidden();
		}
		try (RunningApp app = RunningApp.of(TestApplication.class)
			.settings("[server]\nHTTPS_ONLY = on\nTRUSTED_PROXIES = 10.0.0.0/8, ::1\n")
			.start()) {
			app.client()
				.get()
				.uri("/api/v1/ping")
				.header("X-Forwarded-Proto", "https")
				.exchange()
				.expectStatus()
				.isForbidden();
		}
	}

	/**
	 * A bare jar behind a proxy: no settings.ini of its own, the proxies come from the
	 * environment.
	 */
	@Test
	void trustedProxiesFromTheEnvironmentWhenSettingsIniHasNone() {
		try (RunningApp app = RunningApp.of(TestApplication.class)
			.property("HTTPS_ONLY=on")
			.property("TRUSTED_PROXIES=127.0.0.1, ::1")
			.start()) {
			app.client()
				.get()
				.uri("/api/v1/ping")
				.header("X-Forwarded-Proto", "https")
				.exchange()
				.expectStatus()
				.isOk();
			app.client()
				.get()
				.uri("/api/v1/ping")
				.header("X-Forwarded-Proto", "http")
				.exchange()
				.expectStatus()
				.isForbidden();
		}
		try (RunningApp app = RunningApp.of(TestApplication.class).property("HTTPS_ONLY=on").start()) {
			app.client()
				.get()
				.uri("/api/v1/ping")
				.header("X-Forwarded-Proto", "https")
				.exchange()
				.expectStatus()
				.isForbidden();
		}
		org.assertj.core.api.Assertions
			.assertThatThrownBy(() -> RunningApp.of(TestApplication.class)
				.property("TRUSTED_PROXIES=127.0.0.1, proxy.internal")
				.start())
			.rootCause()
			.hasMessageContaining("TRUSTED_PROXIES")
			.hasMessageContaining("'proxy.internal' is not one");
	}

	/**
	 * Issue 12, finding 9: the first {@code X-Forwarded-Proto} entry was believed, and a
	 * client writes that one itself (the proxy appends its own after it). Now the entry
	 * of the client's hop counts, found from the right.
	 */
	@Test
	void theClientsOwnForwardedProtoIsNotBelieved() {
		try (RunningApp app = RunningApp.of(TestApplication.class)
			.settings("[server]\nHTTPS_ONLY = on\nTRUSTED_PROXIES = 127.0.0.1, 10.0.0.0/8\n")
			.start()) {
			app.client()
				.get()
				.uri("/api/v1/ping")
				.header("X-Forwarded-Proto", "https, http")
				.exchange()
				.expectStatus()
				.isForbidden();
			app.client()
				.get()
				.uri("/api/v1/ping")
				.header("X-Forwarded-Proto", "https", "http")
				.exchange()
				.expectStatus()
				.isForbidden();
			app.client()
				.get()
				.uri("/api/v1/ping")
				.header("X-Forwarded-For", "198.51.100.7, 203.0.113.9")
				.header("X-Forwarded-Proto", "https, http")
				.exchange()
				.expectStatus()
				.isForbidden();
			// A TLS load balancer (10.0.0.7) in front of a plain-HTTP proxy: the client's
			// hop is the left one.
			app.client()
				.get()
				.uri("/api/v1/ping")
				.header("X-Forwarded-For", "203.0.113.9, 10.0.0.7")
				.header("X-Forwarded-Proto", "https, http")
				.exchange()
				.expectStatus()
				.isOk();
			app.client()
				.get()
				.uri("/api/v1/ping")
				.header("X-Forwarded-Proto", "http, https")
				.exchange()
				.expectStatus()
				.isOk();
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
