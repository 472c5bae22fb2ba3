package dev.moonlight.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.fail;

/**
 * Debian's Chromium, headless, for tests that look at a page as a browser renders it. A
 * missing browser fails the test (never skips it), naming the package to install; the
 * process is bounded by a timeout and killed with its children when it overruns.
 */
public final class HeadlessChromium {

	private static final List<String> CANDIDATES = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser",
			"/usr/bin/google-chrome");

	private final Path executable;

	private HeadlessChromium(Path executable) {
		this.executable = executable;
	}

	/**
	 * The installed browser ({@code CHROMIUM} overrides where it is), or a failed test
	 * saying how to install it.
	 */
	public static HeadlessChromium installed() {
		String override = System.getenv("CHROMIUM");
		if (override != null && Files.isExecutable(Path.of(override))) {
			return new HeadlessChromium(Path.of(override));
		}
		for (String candidate : CANDIDATES) {
			if (Files.isExecutable(Path.of(candidate))) {
				return new HeadlessChromium(Path.of(candidate));
			}
		}
		return fail("Chromium is not installed, and this browser test needs it. Install it with: "
				+ "apt-get install -y chromium   (.ci/run does this in CI; or set CHROMIUM to the browser's path)");
	}

	/**
	 * Loads {@code url}, lets its scripts run (fetches included) for up to {@code budget}
	 * of virtual time, and returns the DOM as it then is.
	 * @param url the page
	 * @param budget the virtual time the page gets; network waits do not use it up
	 * @param timeout the wall-clock limit of the whole browser run
	 */
	public String dumpDom(String url, Duration budget, Duration timeout) throws IOException, InterruptedException {
		Path work = Files.createTempDirectory("moonlight-chromium-");
		Path out = work.resolve("dom.html");
		Path err = work.resolve("chromium.log");
		// The flags of this machine's notes: without the background-networking ones
		// Chromium dials out at start (refused here), and as root it runs only without
		// its sandbox.
		List<String> command = List.of(executable.toString(), "--headless", "--no-sandbox", "--disable-gpu",
				"--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
				"--disable-sync", "--user-data-dir=" + work.resolve("profile"),
				"--virtual-time-budget=" + budget.toMillis(), "--dump-dom", url);
		Process browser = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
		if (!browser.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
			browser.descendants().forEach(ProcessHandle::destroyForcibly);
			browser.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			fail("Chromium did not finish within " + timeout.toSeconds() + " s loading " + url + "; its log: "
					+ tail(err));
		}
		if (browser.exitValue() != 0) {
			fail("Chromium exited with " + browser.exitValue() + " loading " + url + "; its log: " + tail(err));
		}
		return Files.readString(out, StandardCharsets.UTF_8);
	}

	private static String tail(Path log) throws IOException {
		List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
		return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
	}

}
