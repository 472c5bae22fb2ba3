package dev.moonlight.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
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
			String base = origin + "/api/v1/";
			// Java's HttpURLConnection, not its HttpClient: the HttpClient loads the TLS
			// stack, which the archive would then hold and load at every start.
			List<Call> round = List.of(new Call(base + "ping", null), new Call(base, null),
					new Call(origin + "/ready", null), new Call(base, ENVELOPE));
			int answered = 0;
			for (int i = 0; i < rounds; i++) {
				for (Call call : round) {
					int status = call.send();
					if (call == round.get(0) && status != 200) {
						stop(1, "GET " + call.uri() + " answered " + status + ", not 200: the archive would hold"
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
		catch (Exception | Error ex) {
			stop(1, "a call failed (" + ex + ")");
		}
	}

	private void stop(int code, String reason) {
		this.out.println("Training run: " + reason + "; stopping without an archive worth keeping.");
		this.exit.accept(SpringApplication.exit(this.context, () -> code));
	}

	/** One call of a round: a GET, or a POST of {@code body} as JSON. */
	private record Call(String uri, String body) {

		private static final int CONNECT_TIMEOUT_MS = (int) Duration.ofSeconds(5).toMillis();

		private static final int READ_TIMEOUT_MS = (int) Duration.ofSeconds(30).toMillis();

		/** Sends it, reads the answer whole, and returns its status. */
		int send() throws IOException {
			// No proxy and no redirect, as the HttpClient; JSON asked for, as Java
			// 17's default Accept prefers HTML (the overview answers it with a page).
			HttpURLConnection connection = (HttpURLConnection) URI.create(this.uri)
				.toURL()
				.openConnection(Proxy.NO_PROXY);
			connection.setInstanceFollowRedirects(false);
			connection.setRequestProperty("Accept", "application/json");
			connection.setConnectTimeout(CONNECT_TIMEOUT_MS);
			connection.setReadTimeout(READ_TIMEOUT_MS);
			if (this.body != null) {
				connection.setRequestMethod("POST");
				connection.setDoOutput(true);
				connection.setRequestProperty("Content-Type", "application/json");
				try (OutputStream out = connection.getOutputStream()) {
					out.write(this.body.getBytes(StandardCharsets.UTF_8));
				}
			}
			int status = connection.getResponseCode();
			try (InputStream in = (status < 400) ? connection.getInputStream() : connection.getErrorStream()) {
				if (in != null) {
					in.readAllBytes();
				}
			}
			return status;
		}

	}

}
