package dev.moonlight.server;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.moonlight.testapp.TestServer;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.Http2SslContextSpec;
import reactor.netty.http.HttpProtocol;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.tcp.SslProvider;
import dev.moonlight.testing.ServerProcess;
import dev.moonlight.testing.TestCertificates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * SIGTERM to a real server process: both listeners stop accepting at once, every
 * in-flight request still completes with 200, and the process exits within
 * {@code destroy_timeout}; a request that outlives it does not hold the exit.
 */
class GracefulShutdownTests {

	private static final Duration BOOT = Duration.ofSeconds(120);

	/**
	 * Long enough that SIGTERM and the refusal checks surely land while every nap runs,
	 * even on a busy machine.
	 */
	private static final int NAP_MS = 6000;

	@TempDir
	Path project;

	@Test
	void sigtermDrainsInFlightRequestsOnBothListenersThenExits() throws Exception {
		TestCertificates certs = TestCertificates.create(this.project, "localhost");
		int port = ServerProcess.freePort();
		int tlsPort = ServerProcess.freePort();
		Files.writeString(this.project.resolve(".rr.yaml"), certs.rrYaml("127.0.0.1:" + tlsPort) + """
				  pool:
				    num_workers: 6
				    destroy_timeout: 15s
				""");
		ConnectionProvider oneConnection = ConnectionProvider.create("drain-h2", 1);
		try (ServerProcess server = ServerProcess.start(TestServer.class, this.project, port)) {
			server.awaitReady(BOOT);
			server.awaitListening(tlsPort, BOOT);
			List<CompletableFuture<String>> inFlight = napOnBothListeners(certs, port, tlsPort, oneConnection);
			awaitNapping(port, inFlight.size(), server, inFlight);

			server.terminate();
			awaitRefused(port, "plain", server);
			awaitRefused(tlsPort, "TLS", server);
			assertThat(inFlight).as("new connections are refused while the naps still run")
				.noneMatch(CompletableFuture::isDone);
			for (CompletableFuture<String> call : inFlight) {
				assertThat(call.get(30, TimeUnit.SECONDS)).as("an in-flight request\n" + server.log())
					.startsWith("200 ")
					.contains("\"slept\":" + NAP_MS);
			}
			assertThat(inFlight.get(4).get()).as("the multiplexed streams ran over HTTP/2").contains(" HTTP/2.0 ");
			assertThat(server.awaitExit(Duration.ofSeconds(60))).as("exits once drained\n" + server.log()).isTrue();
			// The drain's own lines tell whether it ended because every connection had,
			// or because destroy_timeout ran out: a stopwatch here would also count the
			// JVM's start, exit and this machine's load.
			assertThat(server.log()).as("drained within destroy_timeout, nothing cut")
				.contains("Drained: ")
				.doesNotContain("after http.pool.destroy_timeout", "still running after destroy_timeout");
			assertThat(server.log().split("Graceful shutdown complete", -1)).as("both listeners drained, not cut")
				.hasSize(3);
		}
		finally {
			oneConnection.dispose();
		}
	}

	/**
	 * Five naps: two over plain HTTP/1.1, one over TLS HTTP/1.1, two as streams of one
	 * TLS HTTP/2 connection. Those two use Netty's client: Java 17's drops every stream
	 * on GOAWAY (JDK-8335181) instead of letting the server finish the ones it already
	 * serves.
	 */
	private static List<CompletableFuture<String>> napOnBothListeners(TestCertificates certs, int port, int tlsPort,
			ConnectionProvider oneConnection) {
		reactor.netty.http.client.HttpClient h2 = reactor.netty.http.client.HttpClient.create(oneConnection)
			.protocol(HttpProtocol.H2)
			.secure((spec) -> spec.sslContext((SslProvider.GenericSslContextSpec<?>) Http2SslContextSpec.forClient()
				.configure((builder) -> builder.trustManager(certs.cert().toFile()))));
		// Open that connection first: two requests racing for a pool of one would run one
		// after the other.
		h2.get()
			.uri("https://127.0.0.1:" + tlsPort + "/api/v1/ping")
			.responseContent()
			.aggregate()
			.asString()
			.block(Duration.ofSeconds(30));
		HttpClient plain = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
		List<CompletableFuture<String>> inFlight = new ArrayList<>();
		for (int i = 0; i < 2; i++) {
			inFlight.add(nap(plain, "http://127.0.0.1:" + port, NAP_MS).thenApply(GracefulShutdownTests::outcome));
		}
		inFlight.add(nap(certs.httpClient(HttpClient.Version.HTTP_1_1), "https://127.0.0.1:" + tlsPort, NAP_MS)
			.thenApply(GracefulShutdownTests::outcome));
		for (int i = 0; i < 2; i++) {
			inFlight.add(napH2(h2, "https://127.0.0.1:" + tlsPort, NAP_MS));
		}
		return inFlight;
	}

	@Test
	void aRequestThatOutlivesDestroyTimeoutDoesNotHoldTheExit() throws Exception {
		int port = ServerProcess.freePort();
		Files.writeString(this.project.resolve(".rr.yaml"), """
				http:
				  pool:
				    num_workers: 2
				    destroy_timeout: 2s
				""");
		try (ServerProcess server = ServerProcess.start(TestServer.class, this.project, port)) {
			server.awaitReady(BOOT);
			HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
			CompletableFuture<HttpResponse<String>> stuck = nap(client, "http://127.0.0.1:" + port, 60_000);
			awaitNapping(port, 1, server, List.of(stuck));
			server.terminate();
			assertThat(server.awaitExit(Duration.ofSeconds(30)))
				.as("exits while the nap would still run\n" + server.log())
				.isTrue();
			assertThat(stuck).as("the cut request fails rather than hanging").failsWithin(Duration.ofSeconds(10));
			String log = server.log();
			// The budget is what this test is about, so it is timed, but between the
			// server's own lines: the JVM's exit and the test's scheduling do not count.
			// One shared budget stops the nap about 2.2s after the drain began (the pool
			// keeps a last 200ms); a budget of the pool's own would take 4s at least.
			assertThat(Duration.between(logged(log, "Draining: listeners closed"),
					logged(log, "calls still running after destroy_timeout")))
				.as("one destroy_timeout bounds the web drain and the pool drain\n" + log)
				.isLessThan(Duration.ofSeconds(3));
		}
	}

	private static CompletableFuture<HttpResponse<String>> nap(HttpClient client, String base, int ms) {
		return client.sendAsync(HttpRequest.newBuilder(URI.create(base + "/api/v1/"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"service\":\"drain\",\"action\":\"nap\",\"ms\":" + ms + "}"))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static CompletableFuture<String> napH2(reactor.netty.http.client.HttpClient client, String base, int ms) {
		return client.headers((headers) -> headers.set("Content-Type", "application/json"))
			.post()
			.uri(base + "/api/v1/")
			.send(ByteBufFlux.fromString(Mono.just("{\"service\":\"drain\",\"action\":\"nap\",\"ms\":" + ms + "}")))
			.responseSingle((response, body) -> body.asString()
				.map((text) -> response.status().code() + " " + response.version().text() + " " + text))
			.toFuture();
	}

	private static String outcome(HttpResponse<String> response) {
		return response.statusCode() + " " + response.version() + " " + response.body();
	}

	/**
	 * Waits until {@code count} naps run on workers, so SIGTERM lands while they are in
	 * flight.
	 */
	private static void awaitNapping(int port, int count, ServerProcess server, List<?> calls) {
		HttpClient client = HttpClient.newHttpClient();
		HttpRequest napping = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"service\":\"drain\",\"action\":\"napping\"}"))
			.build();
		AtomicReference<String> last = new AtomicReference<>("");
		try {
			await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> {
				last.set(client.send(napping, HttpResponse.BodyHandlers.ofString()).body());
				return last.get().contains("\"napping\":" + count);
			});
		}
		catch (ConditionTimeoutException ex) {
			throw new AssertionError("the naps did not all start (" + last + "; calls " + calls + "):\n" + server.log(),
					ex);
		}
	}

	/**
	 * When the server logged the first line holding {@code marker}; its own lines start
	 * with an ISO instant.
	 */
	private static Instant logged(String log, String marker) {
		String line = log.lines()
			.filter((candidate) -> candidate.contains(marker))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no line with \"" + marker + "\" in\n" + log));
		return Instant.parse(line.substring(0, line.indexOf(' ')));
	}

	private static void awaitRefused(int port, String listener, ServerProcess server) {
		try {
			await().atMost(Duration.ofSeconds(10))
				.pollInterval(Duration.ofMillis(50))
				.until(() -> ServerProcess.refuses(port));
		}
		catch (ConditionTimeoutException ex) {
			throw new AssertionError(listener + " listener still accepts\n" + server.log(), ex);
		}
	}

}
