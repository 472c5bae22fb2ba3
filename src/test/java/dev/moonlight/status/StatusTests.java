package dev.moonlight.status;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.moonlight.testapp.GateService;
import dev.moonlight.testapp.TestApplication;
import dev.moonlight.testing.RunningApp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@code /health} and {@code /ready} over the wire. */
class StatusTests {

	@Test
	void healthyAndReadyWhenAWorkerIsFreeAndTheDatabaseAnswers() {
		try (RunningApp app = RunningApp.of(TestApplication.class).start()) {
			app.client()
				.get()
				.uri("/health")
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody()
				.jsonPath("$.status")
				.isEqualTo("up");
			app.client()
				.get()
				.uri("/ready")
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody()
				.jsonPath("$.status")
				.isEqualTo("ready")
				.jsonPath("$.checks.workers")
				.isEqualTo("ok")
				.jsonPath("$.checks.database")
				.isEqualTo("ok")
				.jsonPath("$.checks.maintenance")
				.isEqualTo("ok")
				.jsonPath("$.checks.draining")
				.isEqualTo("ok")
				.jsonPath("$.checks.application")
				.isEqualTo("ok");
		}
	}

	@Test
	void readyWhileEveryWorkerIsBusyAndNotReadyOnceCallsWaitPastTheLimit() throws Exception {
		ExecutorService clients = Executors.newFixedThreadPool(3);
		try (RunningApp app = RunningApp.of(TestApplication.class)
			.rrYaml("http:\n  pool:\n    num_workers: 2\n    allocate_timeout: 30s\n")
			.start()) {
			GateService gate = app.bean(GateService.class);
			List<Future<?>> calls = new ArrayList<>();
			for (int i = 0; i < 2; i++) {
				calls.add(clients.submit(() -> hold(app)));
			}
			await().atMost(Duration.ofSeconds(10)).until(() -> gate.holding() == 2);
			// Every worker busy, nothing queued: a balancer must keep sending traffic
			// here.
			app.client()
				.get()
				.uri("/ready")
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody()
				.jsonPath("$.checks.workers")
				.isEqualTo("ok");
			calls.add(clients.submit(() -> hold(app)));
			// The third call queues; once it has waited past the limit, the instance is
			// not ready.
			await().atMost(Duration.ofSeconds(10))
				.until(() -> app.client()
					.get()
					.uri("/ready")
					.exchange()
					.expectBody()
					.returnResult()
					.getStatus()
					.value() == 503);
			app.client()
				.get()
				.uri("/ready")
				.exchange()
				.expectStatus()
				.isEqualTo(503)
				.expectBody()
				.jsonPath("$.checks.workers")
				.value((String check) -> assertThat(check).startsWith("1 calls wait for a worker, the oldest for ")
					.endsWith("2 of 2 workers are busy"))
				.jsonPath("$.checks.database")
				.isEqualTo("ok");
			app.client().get().uri("/health").exchange().expectStatus().isOk();
			gate.open();
			for (Future<?> call : calls) {
				call.get(10, TimeUnit.SECONDS);
			}
			app.client().get().uri("/ready").exchange().expectStatus().isOk();
		}
		finally {
			clients.shutdownNow();
		}
	}

	@Test
	void notReadyUntilTheBootHasFinishedNorWhileTheApplicationRefusesTraffic() throws Exception {
		CountDownLatch listening = new CountDownLatch(1);
		CountDownLatch finishBoot = new CountDownLatch(1);
		AtomicInteger port = new AtomicInteger();
		AtomicReference<ApplicationContext> contextRef = new AtomicReference<>();
		// A runner runs after the web server listens and before the boot has finished; it
		// holds the boot there.
		RunningApp.Builder builder = RunningApp.of(TestApplication.class).initializer((context) -> {
			contextRef.set(context);
			context.addApplicationListener((ApplicationListener<WebServerInitializedEvent>) (event) -> port
				.set(event.getWebServer().getPort()));
			context.getBeanFactory().registerSingleton("slowRunner", (ApplicationRunner) (args) -> {
				listening.countDown();
				finishBoot.await();
			});
		});
		ExecutorService boot = Executors.newSingleThreadExecutor();
		Future<RunningApp> started = boot.submit(builder::start);
		try {
			assertThat(listening.await(60, TimeUnit.SECONDS)).isTrue();
			WebTestClient early = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port.get()).build();
			early.get().uri("/health").exchange().expectStatus().isOk();
			early.get()
				.uri("/ready")
				.exchange()
				.expectStatus()
				.isEqualTo(503)
				.expectBody()
				.jsonPath("$.checks.application")
				.isEqualTo("the server is still starting");
			finishBoot.countDown();
			try (RunningApp app = started.get(60, TimeUnit.SECONDS)) {
				app.client()
					.get()
					.uri("/ready")
					.exchange()
					.expectStatus()
					.isOk()
					.expectBody()
					.jsonPath("$.checks.application")
					.isEqualTo("ok");
				// Spring Boot's own way for an application to take itself out of a
				// balancer's rotation.
				AvailabilityChangeEvent.publish(contextRef.get(), ReadinessState.REFUSING_TRAFFIC);
				app.client()
					.get()
					.uri("/ready")
					.exchange()
					.expectStatus()
					.isEqualTo(503)
					.expectBody()
					.jsonPath("$.checks.application")
					.isEqualTo("the application refuses traffic");
				AvailabilityChangeEvent.publish(contextRef.get(), ReadinessState.ACCEPTING_TRAFFIC);
				app.client().get().uri("/ready").exchange().expectStatus().isOk();
			}
		}
		finally {
			finishBoot.countDown();
			boot.shutdownNow();
		}
	}

	private static void hold(RunningApp app) {
		app.client()
			.mutate()
			.responseTimeout(Duration.ofSeconds(40))
			.build()
			.post()
			.uri("/api/v1/")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"service\":\"gate\",\"action\":\"hold\"}")
			.exchange()
			.expectStatus()
			.isOk();
	}

}
