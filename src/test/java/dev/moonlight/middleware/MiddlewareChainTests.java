package dev.moonlight.middleware;

import org.junit.jupiter.api.Test;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.moonlight.testapp.TestApplication;
import dev.moonlight.testing.RunningApp;

/**
 * The middleware chain over the wire: order, request and response hooks, limits to
 * services, failures.
 */
class MiddlewareChainTests {

	private static final String CHAIN = """
			[app_middlewares]
			stamp = dev.moonlight.testapp.TestMiddleware$Stamp
			notes_only = dev.moonlight.testapp.TestMiddleware$NotesOnly
			rewrite = dev.moonlight.testapp.TestMiddleware$Rewrite
			""";

	private static WebTestClient.ResponseSpec call(RunningApp app, String body) {
		return app.call(body);
	}

	@Test
	void hooksRunInConfiguredOrderAndRequestChangesReachTheAction() {
		try (RunningApp app = RunningApp.of(TestApplication.class).settings(CHAIN).start()) {
			call(app, "{\"service\":\"notes\",\"action\":\"echo\",\"n\":1}").expectStatus()
				.isOk()
				.expectHeader()
				.valueEquals("X-Chain", "stamp", "notes-only")
				.expectHeader()
				.value("X-Seen", (seen) -> org.assertj.core.api.Assertions.assertThat(seen).hasSize(16))
				.expectBody()
				.jsonPath("$.returnData.params.stamped")
				.isEqualTo(true)
				.jsonPath("$.returnData.params.n")
				.isEqualTo(1);
		}
	}

	@Test
	void aServiceLimitedMiddlewareSkipsOtherServices() {
		try (RunningApp app = RunningApp.of(TestApplication.class).settings(CHAIN).start()) {
			call(app, "{\"service\":\"vault\",\"action\":\"peek\",\"deny\":true}").expectStatus()
				.isOk()
				.expectHeader()
				.valueEquals("X-Chain", "stamp");
			app.client()
				.get()
				.uri("/api/v1/ping")
				.exchange()
				.expectStatus()
				.isOk()
				.expectHeader()
				.valueEquals("X-Chain", "stamp");
		}
	}

	@Test
	void aRequestHookAnswersByThrowingAndResponseHooksStillRun() {
		try (RunningApp app = RunningApp.of(TestApplication.class).settings(CHAIN).start()) {
			call(app, "{\"service\":\"notes\",\"action\":\"echo\",\"deny\":true}").expectStatus()
				.isBadRequest()
				.expectHeader()
				.valueEquals("X-Chain", "stamp", "notes-only")
				.expectHeader()
				.exists("X-Request-Id")
				.expectBody()
				.jsonPath("$.returnMessage")
				.isEqualTo("Denied by middleware");
		}
	}

	@Test
	void aResponseHookMayReplaceTheEnvelopeAndAFailingOneIsSkipped() {
		try (RunningApp app = RunningApp.of(TestApplication.class).settings(CHAIN).start()) {
			call(app, "{\"service\":\"notes\",\"action\":\"business\"}").expectStatus()
				.isOk()
				.expectBody()
				.jsonPath("$.returnCode")
				.isEqualTo(0)
				.jsonPath("$.returnMessage")
				.isEqualTo("Rewritten")
				.jsonPath("$.returnData.sku")
				.isEqualTo("A-1");
			call(app, "{\"service\":\"notes\",\"action\":\"nope\"}").expectStatus()
				.isNotFound()
				.expectHeader()
				.valueEquals("X-Chain", "stamp", "notes-only");
		}
	}

	@Test
	void withoutTheSectionMiddlewareBeansRunInOrder() {
		try (RunningApp app = RunningApp.of(TestApplication.class).property("test.middleware.beans=true").start()) {
			call(app, "{\"service\":\"notes\",\"action\":\"echo\"}").expectStatus()
				.isOk()
				.expectHeader()
				.valueEquals("X-Chain", "first-bean", "second-bean");
		}
	}

	@Test
	void aSectionNamingAMissingClassFailsTheBoot() {
		org.assertj.core.api.Assertions
			.assertThatThrownBy(() -> RunningApp.of(TestApplication.class)
				.settings("[app_middlewares]\nrequest_id = Application\\Middlewares\\RequestIdMiddleware\n")
				.start())
			.rootCause()
			.hasMessageContaining("environment/settings.ini:2: [app_middlewares] request_id")
			.hasMessageContaining("No such class");
	}

}
