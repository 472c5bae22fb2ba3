package dev.moonlight.cli;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.function.IntConsumer;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import dev.moonlight.config.MoonlightSettings;

/**
 * {@code --moonlight.training-run=N} (or {@code -D}): once the server serves and has
 * printed its banner, it makes {@code N} rounds of calls to itself over loopback (ping, a
 * JSON envelope, the overview, /ready), then stops cleanly, so that a JVM started with
 * {@code -XX:ArchiveClassesAtExit} (CDS) or {@code -XX:AOTCacheOutput} (Java 25) writes
 * an archive holding what serving loads, not only what the boot loads (all that an
 * archive made at Spring's {@code spring.context.exit=onRefresh} holds).
 */
final class TrainingRun {

	/** The property; its value is how many rounds of calls to make. */
	static final String PROPERTY = "moonlight.training-run";

	private static final String ENVELOPE = "{\"service\":\"moonlight-training\",\"action\":\"run\"}";

	private final ConfigurableApplicationContext context;

	private final PrintStream out;

	private final IntConsumer exit;

	private TrainingRun(ConfigurableApplicationContext context, PrintStream out, IntConsumer exit) {
		this.context = context;
		this.out = out;
		this.exit = exit;
	}

	/**
	 * Starts the training run when {@value #PROPERTY} asks for one, once the server has
	 * printed its banner. A value that is no positive number, or a process with no HTTP
	 * server, is said and ends the process with 2: a training run that never stops would
	 * leave the archive unwritten and its caller waiting.
	 */
	static void startIfAsked(ConfigurableApplicationContext context, PrintStream out, IntConsumer exit) {
		String value = context.getEnvironment().getProperty(PROPERTY);
		if (value == null) {
			return;
		}
		TrainingRun run = new TrainingRun(context, out, exit);
		int rounds;
		try {
			rounds = Integer.parseInt(value.strip());
		}
		catch (NumberFormatException ex) {
			rounds = -1;
		}
		if (rounds < 1 || !(context instanceof WebServerApplicationContext web)) {
			run.stop(2, (rounds < 1) ? PROPERTY + " takes a number of rounds of calls (1 or more), not '" + value + "'"
					: PROPERTY + " needs the HTTP server, which this process does not run");
			return;
		}
		String origin = origin(context.getBean(MoonlightSettings.class).listen().host(), web.getWebServer().getPort());
		int count = rounds;
		new Thread(() -> run.train(origin, count), "moonlight-training-run").start();
	}

	/**
	 * Where the server answers this process: loopback when it listens on every address.
	 */
	static String origin(String host, int port) {
		String target = (host.isEmpty() || host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]"))
				? "127.0.0.1" : host;
		return "http://" + ((target.indexOf(':') >= 0 && !target.startsWith("[")) ? "[" + target + "]" : target) + ":"
				+ port;
	}

	private void train(String origin, int rounds) {
		try {
			// HTTP/1.1 as curl and browsers speak it in cleartext; the default client
			// would try an h2c upgrade.
			HttpClient client = HttpClient.newBuilder()
				.version(HttpClient.Version.HTTP_1_1)
				.connectTimeout(Duration.ofSeconds(5))
				.build();
			String base = origin + "/api/v1/";
			List<HttpRequest> round = List.of(get(base + "ping"), get(base), get(origin + "/ready"),
					HttpRequest.newBuilder(URI.create(base))
						.timeout(Duration.ofSeconds(30))
						.header("Content-Type", "application/json")
						.POST(HttpRequest.BodyPublishers.ofString(ENVELOPE))
						.build());
			int answered = 0;
			for (int i = 0; i < rounds; i++) {
				for (HttpRequest request : round) {
					int status = client.send(request, HttpResponse.BodyHandlers.ofByteArray()).statusCode();
					if (request == round.get(0) && status != 200) {
						stop(1, "GET " + request.uri() + " answered " + status + ", not 200: the archive would hold"
								+ " another path than the one a start serves");
						return;
					}
					answered++;
				}
			}
			this.out.println("Training run: " + answered + " calls answered (ping, overview, /ready, envelope);"
					+ " stopping so that the JVM writes its archive.");
			this.exit.accept(SpringApplication.exit(this.context));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			stop(1, "interrupted");
		}
		catch (Exception | Error ex) {
			stop(1, "a call failed (" + ex + ")");
		}
	}

	private void stop(int code, String reason) {
		this.out.println("Training run: " + reason + "; stopping without an archive worth keeping.");
		this.exit.accept(SpringApplication.exit(this.context, () -> code));
	}

	private static HttpRequest get(String uri) {
		return HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(30)).GET().build();
	}

}
