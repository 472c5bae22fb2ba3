package dev.moonlight.docs;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.http.HttpStatus;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import dev.moonlight.testapp.TestApplication;
import dev.moonlight.testing.RunningApp;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The docs are built when first asked for, not at boot: the catalog reads every action's
 * parameters and constraints, CPU a boot on two cores would take from its first requests.
 */
class DocsBuildTests {

	@Test
	void theBootAndTheApiLeaveTheDocsUnbuiltAndTheFirstDocsRequestsShareOneBuild() {
		try (RunningApp app = RunningApp.of(TestApplication.class).start()) {
			app.client().get().uri("/api/v1/ping").exchange().expectStatus().isOk();
			app.client().post().uri("/api/v1/").bodyValue("{\"service\":\"notes\",\"action\":\"echo\"}").exchange();
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
	void aBuildThatFailsAnswersEachDocsRouteWithA500EnvelopeAndTheApiKeepsServing() {
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
			for (String path : List.of("/docs", "/docs/openapi.json", "/api/v1/__catalog")) {
				app.client()
					.get()
					.uri(path)
					.exchange()
					.expectStatus()
					.isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR)
					.expectBody()
					.jsonPath("$.returnCode")
					.isEqualTo(500);
			}
			app.client().get().uri("/api/v1/ping").exchange().expectStatus().isOk();
			assertThat(app.running()).isTrue();
		}
	}

	@Test
	void theBuildRunsOnceOffTheCallersThread() throws InterruptedException {
		CountDownLatch release = new CountDownLatch(1);
		AtomicInteger builds = new AtomicInteger();
		AtomicReference<String> builtOn = new AtomicReference<>();
		DocsBuild docs = new DocsBuild(() -> {
			builds.incrementAndGet();
			builtOn.set(Thread.currentThread().getName());
			await(release);
			throw new IllegalStateException("the catalog cannot be read");
		});

		Mono<DocsHandler> first = docs.handler();
		Mono<DocsHandler> second = docs.handler();
		release.countDown();

		StepVerifier.create(first).expectErrorMessage("the catalog cannot be read").verify(Duration.ofSeconds(10));
		StepVerifier.create(second).expectErrorMessage("the catalog cannot be read").verify(Duration.ofSeconds(10));
		StepVerifier.create(docs.handler())
			.expectErrorMessage("the catalog cannot be read")
			.verify(Duration.ofSeconds(10));
		assertThat(builds).hasValue(1);
		assertThat(builtOn.get()).isEqualTo("moonlight-docs-build");
	}

	@Test
	void aCallerThatGivesUpDoesNotCancelTheBuildForTheOthers() throws InterruptedException {
		CountDownLatch release = new CountDownLatch(1);
		DocsBuild docs = new DocsBuild(() -> {
			await(release);
			return null;
		});

		docs.handler().subscribe().dispose();
		release.countDown();

		StepVerifier.create(docs.handler()).expectComplete().verify(Duration.ofSeconds(10));
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
