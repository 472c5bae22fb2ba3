package dev.moonlight.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.function.IntConsumer;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;

import dev.moonlight.config.MoonlightSettings;

/**
 * {@code --moonlight.training-run=N} (or {@code -D}): once the server is ready it answers {@code N} rounds of its own
 * calls over loopback (ping, a JSON envelope, the overview, /ready) and then stops cleanly, so that a JVM started with
 * {@code -XX:ArchiveClassesAtExit} (CDS) or {@code -XX:AOTCacheOutput} (Java 25) writes an archive holding what
 * serving loads, not only what the boot loads (all that an archive made at Spring's
 * {@code spring.context.exit=onRefresh} holds).
 */
final class TrainingRun implements ApplicationListener<ApplicationReadyEvent> {

	/** The property; its value is how many rounds of calls to make. */
	static final String PROPERTY = "moonlight.training-run";

	private static final String ENVELOPE = "{\"service\":\"moonlight-training\",\"action\":\"run\"}";

	private final PrintStream out;

	private final IntConsumer exit;

	TrainingRun(PrintStream out, IntConsumer exit) {
		this.out = out;
		this.exit = exit;
	}

	@Override
	public void onApplicationEvent(ApplicationReadyEvent event) {
		String value = event.getApplicationContext().getEnvironment().getProperty(PROPERTY);
		if (value == null || !(event.getApplicationContext() instanceof WebServerApplicationContext web)) {
			return;
		}
		int rounds;
		try {
			rounds = Integer.parseInt(value.strip());
		}
		catch (NumberFormatException ex) {
			rounds = -1;
		}
		if (rounds < 1) {
			this.out.println(PROPERTY + " takes a number of rounds of calls (1 or more), not '" + value
					+ "'; serving without the training run.");
			return;
		}
		String origin = origin(event.getApplicationContext().getBean(MoonlightSettings.class).listen().host(),
				web.getWebServer().getPort());
		int count = rounds;
		// Off the thread that publishes the event: the boot finishes (banner, SERVING) before the calls start.
		Thread thread = new Thread(() -> train(event.getApplicationContext(), origin, count), "moonlight-training-run");
		thread.start();
	}

	/** Where the server answers this process: loopback when it listens on every address. */
	static String origin(String host, int port) {
		String target = (host.isEmpty() || host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]"))
				? "127.0.0.1" : host;
		return "http://" + ((target.indexOf(':') >= 0 && !target.startsWith("[")) ? "[" + target + "]" : target) + ":"
				+ port;
	}

	private void train(ConfigurableApplicationContext context, String origin, int rounds) {
		HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
		String base = origin + "/api/v1/";
		List<HttpRequest> round = List.of(get(base + "ping"), get(base), get(origin + "/ready"),
				HttpRequest.newBuilder(URI.create(base)).timeout(Duration.ofSeconds(30))
					.header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers.ofString(ENVELOPE))
					.build());
		int answered = 0;
		try {
			for (int i = 0; i < rounds; i++) {
				for (HttpRequest request : round) {
					client.send(request, HttpResponse.BodyHandlers.ofByteArray());
					answered++;
				}
			}
		}
		catch (IOException ex) {
			this.out.println("Training run: call " + (answered + 1) + " got no answer (" + ex.getMessage()
					+ "); stopping without finishing it.");
			this.exit.accept(SpringApplication.exit(context, () -> 1));
			return;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return;
		}
		this.out.println("Training run: " + answered + " calls answered (ping, overview, /ready, envelope); stopping so"
				+ " that the JVM writes its archive.");
		this.exit.accept(SpringApplication.exit(context));
	}

	private static HttpRequest get(String uri) {
		return HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(30)).GET().build();
	}

}
