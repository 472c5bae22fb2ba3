package dev.moonlight.tcp;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.moonlight.testapp.EchoWorker;
import dev.moonlight.testapp.TestApplication;
import dev.moonlight.testing.LineClient;
import dev.moonlight.testing.RunningApp;
import dev.moonlight.testing.ServerProcess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Shutdown closes a TCP connection between frames: the frame under way is answered first,
 * frames after it are neither handled nor answered (so a client knows which were done),
 * an idle connection is closed at once, and new connections are refused.
 */
class TcpShutdownTests {

	@Test
	void aFrameUnderWayIsAnsweredThenTheConnectionClosesAndLaterFramesAreNotHandled() throws Exception {
		RunningApp app = RunningApp.of(TestApplication.class).rrYaml("""
				tcp:
				  servers:
				    echo:
				      addr: tcp://127.0.0.1:0
				  pool:
				    num_workers: 2
				    destroy_timeout: 30s
				""").start();
		int port = app.bean(TcpServers.class).port("echo");
		EchoWorker worker = app.bean(EchoWorker.class);
		try (LineClient busy = LineClient.connect(port); LineClient idle = LineClient.connect(port)) {
			assertThat(busy.readLine()).startsWith("hello");
			assertThat(idle.readLine()).startsWith("hello");
			busy.line("hold").line("after");
			await().atMost(Duration.ofSeconds(30))
				.until(() -> worker.events().stream().anyMatch((event) -> "hold".equals(event.bodyText())));

			CompletableFuture<Void> stopping = CompletableFuture.runAsync(app::close);
			assertThat(idle.closedByServer()).as("an idle connection is closed at once").isTrue();
			await().atMost(Duration.ofSeconds(30)).until(() -> ServerProcess.refuses(port));
			assertThat(stopping).as("the stop waits for the frame under way").isNotDone();

			worker.release();
			assertThat(busy.readLine()).as("the frame under way is answered").isEqualTo("held");
			assertThat(busy.readLine()).as("then the connection closes, the next frame unanswered").isNull();
			stopping.get(30, TimeUnit.SECONDS);
			assertThat(worker.events()).as("the frame after it was never handled")
				.noneMatch((event) -> "after".equals(event.bodyText()));
		}
		finally {
			worker.release();
			app.close();
		}
	}

}
