package dev.moonlight.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * curl's verbose trace of one request over cleartext HTTP/2 (prior knowledge), whose
 * {@code < } lines show every answer head the client read, interim ones included.
 */
public final class CurlTrace {

	private CurlTrace() {
	}

	/**
	 * A GET.
	 * @param url the address
	 * @param headers request headers, each {@code Name: value}
	 * @return the trace; the exit code is checked
	 */
	public static String http2(String url, String... headers) throws IOException, InterruptedException {
		List<String> options = new ArrayList<>();
		for (String header : headers) {
			options.add("-H");
			options.add(header);
		}
		return run(options, url);
	}

	/** A POST of a JSON body; the trace, its exit code checked. */
	public static String http2Post(String url, String json) throws IOException, InterruptedException {
		return run(List.of("-X", "POST", "-H", "Content-Type: application/json", "-d", json), url);
	}

	private static String run(List<String> options, String url) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(
				List.of("curl", "-sS", "-v", "--http2-prior-knowledge", "-o", "/dev/null", "--max-time", "30"));
		command.addAll(options);
		command.add(url);
		Process curl = new ProcessBuilder(command).redirectErrorStream(true).start();
		String trace = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(curl.waitFor(60, TimeUnit.SECONDS)).as("curl finished").isTrue();
		assertThat(curl.exitValue()).as(trace).isZero();
		return trace;
	}

}
