package dev.moonlight.docs;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.http.HttpStatus;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import dev.moonlight.dispatch.MoonlightException;
import dev.moonlight.testapp.TestApplication;
import dev.moonlight.testing.RunningApp;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The docs are built when first asked for, not at boot: the catalog reads every action's
 * parameters and constraints, CPU a boot on two cores would take from its first requests.
 */
class DocsBuildTests {

	/**
	 * Requests WebFlux routes that are not the docs': none of them may start the build.
	 */
	private static final List<String> NOT_DOCS = List.of("/ready", "/docsx", "/docs/swagger", "/docs/page-1.css");

	@Test
	void theBootTheApiAndOtherRoutesLeaveTheDocsUnbuiltAndTheDocsRequestsBuildThem() {
		try (RunningApp app = RunningApp.of(TestApplication.class).start()) {
			app.client().get().uri("/api/v1/ping").exchange().expectStatus().isOk();
			app.call("{\"service\":\"notes\",\"action\":\"nothing\"}").expectStatus().isOk();
			for (String path : NOT_DOCS) {
				app.client().get().uri(path).exchange();
			}
			app.client().post().uri("/docs").exchange().expectStatus().is4xxClientError();
			assertThat(app.hasBuilt("apiCatalog")).isFalse();

			WebClient client = WebClient.builder()
				.clientConnector(new ReactorClientHttpConnector())
				.baseUrl(app.baseUrl())
				.build();
			List<String> answers = Flux.range(0, 8)
				.flatMap((i) -> client.get()
					.uri((i % 2 == 0) ? "/docs/openapi.json" : "/api/v1/__catalog")
					.exchangeToMono((response) -> response.bodyToMono(String.class)
						.map((body) -> response.statusCode().value() + " " + body)))
				.collectList()
				.block(Duration.ofSeconds(30));

			assertThat(answers).hasSize(8).allSatisfy((answer) -> assertThat(answer).startsWith("200 "));
			assertThat(answers.stream().distinct()).hasSize(2);
			assertThat(app.hasBuilt("apiCatalog")).isTrue();
		}
	}

	@Test
	void aBuildThatFailsAnswersEachDocsRouteWithA500AndEveryOtherRouteAsBefore() {
		try (RunningApp app = RunningApp.of(TestApplication.class)
			.initializer((context) -> context.getBeanFactory().addBeanPostProcessor(new BeanPostProcessor() {
				@Override
				public Object postProcessBeforeInitialization(Object bean, String beanName) {
					if (beanName.equals("apiCatalog")) {
						throw new IllegalStateException("the catalog cannot be read");
					}
					return bean;
				}
			}))
			.start()) {
			for (String path : List.of("/docs", "/docs/openapi.json", "/api/v1/__catalog", "/docs/openapi.json")) {
				app.client()
					.get()
					.uri(path)
					.exchange()
					.expectStatus()
					.isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR)
					.expectBody()
					.jsonPath("$.returnCode")
					.isEqualTo(500)
					.jsonPath("$.returnMessage")
					.isEqualTo(DocsBuild.FAILED);
			}
			app.client().get().uri("/docs/swagger").exchange().expectStatus().isNotFound();
			app.client().get().uri("/ready").exchange().expectStatus().isOk();
			app.client().get().uri("/api/v1/ping").exchange().expectStatus().isOk();
		}
	}

	@Test
	void theBuildRunsOnceOffTheCallersThreadAndItsFailureAnswersEveryCaller() {
		CountDownLatch release = new CountDownLatch(1);
		AtomicInteger builds = new AtomicInteger();
		AtomicReference<String> builtOn = new AtomicReference<>();
		DocsBuild docs = new DocsBuild(() -> {
			builds.incrementAndGet();
			builtOn.set(Thread.currentThread().getName());
			await(release);
			throw new IllegalStateException("the catalog cannot be read");
		});

		// Two requests wait before the build fails, a third comes after it.
		CompletableFuture<DocsHandler> first = docs.handler().toFuture();
		CompletableFuture<DocsHandler> second = docs.handler().toFuture();
		release.countDown();

		for (Mono<DocsHandler> handler : List.of(Mono.fromFuture(first), Mono.fromFuture(second), docs.handler())) {
			assertFailedWith(handler, IllegalStateException.class);
		}
		assertThat(builds).hasValue(1);
		assertThat(builtOn.get()).isEqualTo("moonlight-docs-build");
	}

	@Test
	void anErrorOrNoHandlerStillAnswersTheCallersInsteadOfLeavingThemWaiting() {
		Supplier<DocsHandler> error = () -> {
			throw new AssertionError("a bug in a constraint's description");
		};
		assertFailedWith(new DocsBuild(error).handler(), AssertionError.class);
		assertFailedWith(new DocsBuild(() -> null).handler(), NullPointerException.class);
	}

	@Test
	void aCallerThatGivesUpDoesNotCancelTheBuildForTheOthers() {
		CountDownLatch release = new CountDownLatch(1);
		DocsBuild docs = new DocsBuild(() -> {
			await(release);
			throw new IllegalStateException("built after the first caller left");
		});

		docs.handler().subscribe().dispose();
		release.countDown();

		// A cancelled build would answer with a CancellationException (an
		// IllegalStateException too).
		assertFailedWith(docs.handler(), IllegalStateException.class);
	}

	private static void assertFailedWith(Mono<DocsHandler> handler, Class<? extends Throwable> cause) {
		StepVerifier.create(handler).expectErrorSatisfies((ex) -> {
			assertThat(ex).isInstanceOf(DocsBuild.Unavailable.class).hasMessage(DocsBuild.FAILED);
			assertThat(((MoonlightException) ex).status()).isEqualTo(500);
			assertThat(((DocsBuild.Unavailable) ex).reason()).isExactlyInstanceOf(cause);
		}).verify(Duration.ofSeconds(10));
	}

	private static void await(CountDownLatch latch) {
		try {
			assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
