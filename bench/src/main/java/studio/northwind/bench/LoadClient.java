package studio.northwind.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.netty.channel.Channel;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.WebsocketClientSpec;
import reactor.netty.tcp.TcpClient;

/**
 * What wrk is to HTTP, for envelope frames and lines, which wrk cannot speak: <pre>
 * ws-load  ws://HOST:PORT/api/v1/ws CONNECTIONS WINDOW WARMUP DURATION [BODY]
 * tcp-load HOST:PORT                CONNECTIONS WINDOW WARMUP DURATION [BODY]
 * </pre> Every connection keeps {@code WINDOW} requests in flight (1: one round trip
 * after another, as wrk does; more: pipelined) for the warm-up and then the measured
 * {@code DURATION} ({@code 10s}, {@code 500ms}), after one round trip each that is not
 * counted. An answer counts when it carries {@code "returnCode":0,}; anything else,
 * connections that fail or never answer, and calls lost with a dropped connection, are
 * errors. It prints that first answer ({@code ANSWER ...}, for run.sh to compare servers
 * by) and the line the wrk script prints:
 * {@code BENCH rps=… p50=… p99=… requests=… errors=…} (milliseconds).
 */
final class LoadClient {

	private static final Duration CONNECT = Duration.ofSeconds(20);

	private static final int MAX_ANSWER = 1024 * 1024;

	private LoadClient() {
	}

	static void run(String mode, String[] args) throws Exception {
		if (args.length < 6 || args.length > 7) {
			throw new IllegalArgumentException("usage: " + mode + " TARGET CONNECTIONS WINDOW WARMUP DURATION [BODY]");
		}
		boolean webSocket = mode.equals("ws-load");
		int connections = Integer.parseInt(args[2]);
		int window = Integer.parseInt(args[3]);
		Duration warmup = duration(args[4]);
		Duration measured = duration(args[5]);
		String body = (args.length == 7) ? args[6] : WelcomeFrames.REQUEST;
		Clock clock = new Clock();
		List<CompletableFuture<Flow>> opening = new ArrayList<>();
		for (int i = 0; i < connections; i++) {
			CompletableFuture<Flow> flow = new CompletableFuture<>();
			opening.add(flow);
			if (webSocket) {
				openWebSocket(args[1], clock, body, window, flow);
			}
			else {
				openTcp(args[1], clock, body, window, flow);
			}
		}
		List<Flow> flows = new ArrayList<>();
		long refused = 0;
		for (CompletableFuture<Flow> flow : opening) {
			try {
				flows.add(flow.get(CONNECT.toMillis(), TimeUnit.MILLISECONDS));
			}
			catch (Exception ex) {
				refused++;
				System.err.println("connection failed: " + ex);
			}
		}
		List<CompletableFuture<String>> priming = flows.stream().map(Flow::prime).toList();
		String first = null;
		for (int i = flows.size() - 1; i >= 0; i--) {
			try {
				first = priming.get(i).get(CONNECT.toMillis(), TimeUnit.MILLISECONDS);
			}
			catch (Exception ex) {
				refused++;
				System.err.println("no first answer: " + ex);
				flows.remove(i).stop();
			}
		}
		clock.begin(warmup, measured);
		flows.forEach(Flow::start);
		TimeUnit.NANOSECONDS.sleep(Math.max(0, clock.remaining()));
		flows.forEach(Flow::stop);
		for (Flow flow : flows) {
			flow.channel().closeFuture().await(CONNECT.toMillis());
		}
		report(flows, refused, measured, first);
	}

	private static void openWebSocket(String url, Clock clock, String body, int window, CompletableFuture<Flow> ready) {
		HttpClient.newConnection()
			.websocket(WebsocketClientSpec.builder().maxFramePayloadLength(MAX_ANSWER).build())
			.uri(url)
			.handle((in, out) -> {
				Channel[] channel = new Channel[1];
				in.withConnection((connection) -> channel[0] = connection.channel());
				Flow flow = new Flow(clock, channel[0], true, body, window);
				ready.complete(flow);
				return in.receiveFrames()
					.filter(TextWebSocketFrame.class::isInstance)
					.doOnNext((frame) -> flow.answer(frame.content()))
					.then();
			})
			.subscribe(null, ready::completeExceptionally);
	}

	private static void openTcp(String target, Clock clock, String body, int window, CompletableFuture<Flow> ready) {
		int colon = target.lastIndexOf(':');
		TcpClient.newConnection()
			.host(target.substring(0, colon))
			.port(Integer.parseInt(target.substring(colon + 1)))
			.doOnConnected((connection) -> connection.addHandlerLast("lines", new LineBasedFrameDecoder(MAX_ANSWER)))
			.handle((in, out) -> {
				Channel[] channel = new Channel[1];
				in.withConnection((connection) -> channel[0] = connection.channel());
				Flow flow = new Flow(clock, channel[0], false, body, window);
				ready.complete(flow);
				return in.receive().doOnNext(flow::answer).then();
			})
			.connect()
			.subscribe(null, ready::completeExceptionally);
	}

	private static void report(List<Flow> flows, long refused, Duration measured, String first) {
		long[] all = flows.stream().map(Flow::latencies).flatMapToLong(Arrays::stream).sorted().toArray();
		long errors = refused + flows.stream().mapToLong(Flow::errors).sum();
		double seconds = measured.toNanos() / 1e9;
		System.out.println("ANSWER " + ((first != null) ? first : ""));
		System.out.println(String.format(Locale.ROOT, "BENCH rps=%.1f p50=%.3f p99=%.3f requests=%d errors=%d",
				all.length / seconds, percentile(all, 50), percentile(all, 99), all.length, errors));
	}

	/** In milliseconds; 0 when nothing was measured. */
	private static double percentile(long[] sorted, int percent) {
		if (sorted.length == 0) {
			return 0;
		}
		int index = (int) Math.ceil(sorted.length * percent / 100.0) - 1;
		return sorted[Math.max(0, index)] / 1e6;
	}

	/** wrk's spelling: {@code 10s}, {@code 500ms}, {@code 1m}, or plain seconds. */
	static Duration duration(String text) {
		if (text.endsWith("ms")) {
			return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
		}
		if (text.endsWith("m")) {
			return Duration.ofMinutes(Long.parseLong(text.substring(0, text.length() - 1)));
		}
		String seconds = text.endsWith("s") ? text.substring(0, text.length() - 1) : text;
		return Duration.ofMillis(Math.round(Double.parseDouble(seconds) * 1000));
	}

}
