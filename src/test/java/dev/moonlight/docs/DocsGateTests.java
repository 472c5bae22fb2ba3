package dev.moonlight.docs;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.springframework.http.MediaType;

import dev.moonlight.testapp.TestApplication;
import dev.moonlight.testing.RunningApp;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gate in front of {@code /docs}, {@code /docs/openapi.json} and {@code __catalog},
 * over real sockets.
 */
class DocsGateTests {

	@Nested
	@TestInstance(TestInstance.Lifecycle.PER_CLASS)
	class WhenDisabled {

		private RunningApp app;

		@BeforeAll
		void start() {
			app = RunningApp.of(TestApplication.class).property("DOCS_ENABLED=false").start();
		}

		@AfterAll
		void stop() {
			app.close();
		}

		@Test
		void theDocsPageIsA404Page() {
			String page = app.client()
				.get()
				.uri("/docs")
				.exchange()
				.expectStatus()
				.isNotFound()
				.expectHeader()
				.contentTypeCompatibleWith(MediaType.TEXT_HTML)
				.expectBody(String.class)
				.returnResult()
				.getResponseBody();
			assertThat(page).contains("API docs are not available.");
		}

		@Test
		void theJsonRoutesAnswerA404Envelope() {
			for (String path : new String[] { "/docs/openapi.json", "/api/v1/__catalog" }) {
				app.client()
					.get()
					.uri(path)
					.exchange()
					.expectStatus()
					.isNotFound()
					.expectBody()
					.jsonPath("$.returnCode")
					.isEqualTo(404)
					.jsonPath("$.returnMessage")
					.isEqualTo("Not found");
			}
		}

		@Test
		void theGateAnswersWithoutBuildingTheCatalog() {
			for (String path : new String[] { "/docs", "/docs/openapi.json", "/api/v1/__catalog" }) {
				app.client().get().uri(path).exchange().expectStatus().isNotFound();
			}
			assertThat(app.hasBuilt("apiCatalog")).as("the catalog was built").isFalse();
		}

		@Test
		void theOverviewPointsNowhere() {
			app.client()
				.get()
				.uri("/api/v1/")
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody()
				.jsonPath("$.returnData.docs")
				.doesNotExist();
		}

	}

	@Nested
	@TestInstance(TestInstance.Lifecycle.PER_CLASS)
	class InProduction {

		private RunningApp app;

		@BeforeAll
		void start() {
			app = RunningApp.of(TestApplication.class).dotEnv("APP_ENV=production\n").start();
		}

		@AfterAll
		void stop() {
			app.close();
		}

		@Test
		void docsAreOffByDefault() {
			app.client().get().uri("/docs").exchange().expectStatus().isNotFound();
			app.client().get().uri("/api/v1/__catalog").exchange().expectStatus().isNotFound();
		}

	}

	@Nested
	@TestInstance(TestInstance.Lifecycle.PER_CLASS)
	class WithAToken {

		private RunningApp app;

		@BeforeAll
		void start() {
			app = RunningApp.of(TestApplication.class)
				.settings("[docs]\nENABLED = true\nTOKEN = \"s3cret-token\"\n")
				.start();
		}

		@AfterAll
		void stop() {
			app.close();
		}

		@Test
		void aMissingOrWrongTokenIsA401() {
			for (String path : new String[] { "/docs/openapi.json", "/api/v1/__catalog",
					"/api/v1/__catalog?token=wrong", "/docs/openapi.json?token=s3cret-token-but-longer" }) {
				app.client()
					.get()
					.uri(path)
					.exchange()
					.expectStatus()
					.isUnauthorized()
					.expectBody()
					.jsonPath("$.returnCode")
					.isEqualTo(401)
					.jsonPath("$.returnMessage")
					.isEqualTo("Docs access denied");
			}
			String page = app.client()
				.get()
				.uri("/docs")
				.header(DocsGate.HEADER, "nope")
				.exchange()
				.expectStatus()
				.isUnauthorized()
				.expectBody(String.class)
				.returnResult()
				.getResponseBody();
			assertThat(page).contains("Docs access denied");
		}

		@Test
		void theTokenOpensEveryRouteAsHeaderOrQuery() {
			app.client()
				.get()
				.uri("/api/v1/__catalog")
				.header(DocsGate.HEADER, "s3cret-token")
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody()
				.jsonPath("$.returnCode")
				.isEqualTo(0);
			app.client().get().uri("/api/v1/__catalog?token=s3cret-token").exchange().expectStatus().isOk();
			app.client()
				.get()
				.uri("/docs/openapi.json?token=s3cret-token")
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody()
				.jsonPath("$.openapi")
				.isEqualTo("3.1.0");
			app.client()
				.get()
				.uri("/docs?token=s3cret-token")
				.exchange()
				.expectStatus()
				.isOk()
				.expectHeader()
				.contentTypeCompatibleWith(MediaType.TEXT_HTML);
		}

		@Test
		void theApiItselfNeedsNoDocsToken() {
			app.client().get().uri("/api/v1/ping").exchange().expectStatus().isOk();
		}

	}

}
