package dev.moonlight.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.fail;

/**
 * Debian's Chromium, headless, driven through Debian's chromedriver by Selenium. Both
 * paths are set, so Selenium Manager never runs and nothing is downloaded; a missing
 * browser or driver fails the test (never skips it), naming the package to install. Each
 * session has a fresh profile, deleted when it closes.
 */
public final class BrowserSession implements AutoCloseable {

	/** How long {@link #await} waits for a page condition by default. */
	public static final Duration WAIT = Duration.ofSeconds(10);

	private static final Path DRIVER = Path.of("/usr/bin/chromedriver");

	private static final List<String> BROWSERS = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser");

	private final ChromeDriver driver;

	private final Path profile;

	private BrowserSession(ChromeDriver driver, Path profile) {
		this.driver = driver;
		this.profile = profile;
	}

	/**
	 * A new headless browser with a {@code width} x {@code height} window;
	 * {@code CHROMIUM} and {@code CHROMEDRIVER} override where the two programs are.
	 */
	public static BrowserSession open(int width, int height) {
		Path browser = installed("CHROMIUM", BROWSERS, "chromium");
		Path driverPath = installed("CHROMEDRIVER", List.of(DRIVER.toString()), "chromium-driver");
		Path profile = temporaryProfile();
		ChromeOptions options = new ChromeOptions().setBinary(browser.toFile());
		// The flags of HeadlessChromium: without the background-networking ones Chromium
		// dials out at start (refused here), and as root it runs only without its
		// sandbox.
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
				"--disable-background-networking", "--disable-component-update", "--disable-sync",
				"--disable-dev-shm-usage", "--window-size=" + width + "," + height, "--user-data-dir=" + profile);
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driverPath.toFile())
			.usingAnyFreePort()
			.build();
		ChromeDriver driver = new ChromeDriver(service, options);
		driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30)).scriptTimeout(Duration.ofSeconds(30));
		return new BrowserSession(driver, profile);
	}

	/** A 1280 x 800 desktop window. */
	public static BrowserSession open() {
		return open(1280, 800);
	}

	public ChromeDriver driver() {
		return this.driver;
	}

	/** Waits up to {@link #WAIT} for {@code condition}, failing with {@code what}. */
	public <T> T await(String what, ExpectedCondition<T> condition) {
		return await(what, WAIT, condition);
	}

	public <T> T await(String what, Duration timeout, ExpectedCondition<T> condition) {
		WebDriverWait wait = new WebDriverWait(this.driver, timeout, Duration.ofMillis(100));
		wait.withMessage(what);
		// The board re-renders a card as its task changes: an element found by one poll
		// can be replaced before the condition reads it, and the next poll finds the new
		// one.
		wait.ignoring(StaleElementReferenceException.class);
		return wait.until(condition);
	}

	/** Runs {@code script} in the page with {@code args} and answers what it returns. */
	public Object script(String script, Object... args) {
		return ((JavascriptExecutor) this.driver).executeScript(script, args);
	}

	/**
	 * Emulates {@code prefers-color-scheme: scheme} ({@code light} or {@code dark})
	 * through the DevTools protocol, as a visitor's system setting would.
	 */
	public void colorScheme(String scheme) {
		this.driver.executeCdpCommand("Emulation.setEmulatedMedia",
				Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", scheme))));
	}

	/** Resizes the window so the page's viewport is {@code width} x {@code height}. */
	public void viewport(int width, int height) {
		this.driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
				Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", false));
		this.driver.manage().window().setSize(new Dimension(width, height));
	}

	/** Saves what the window shows as a PNG. */
	public void screenshot(Path png) {
		write(png, this.driver.getScreenshotAs(OutputType.BYTES));
	}

	/**
	 * Saves a screenshot and the page's current DOM under {@code dir}, named
	 * {@code name}.
	 */
	public void saveEvidence(Path dir, String name) {
		screenshot(dir.resolve(name + ".png"));
		write(dir.resolve(name + ".html"),
				String.valueOf(this.driver.getPageSource()).getBytes(StandardCharsets.UTF_8));
	}

	@Override
	public void close() {
		try {
			this.driver.quit();
		}
		finally {
			deleteQuietly(this.profile);
		}
	}

	private static Path installed(String variable, List<String> candidates, String debianPackage) {
		String override = System.getenv(variable);
		if (override != null && Files.isExecutable(Path.of(override))) {
			return Path.of(override);
		}
		for (String candidate : candidates) {
			if (Files.isExecutable(Path.of(candidate))) {
				return Path.of(candidate);
			}
		}
		return fail(candidates.get(0) + " is not installed, and this browser test needs it. Install it with: "
				+ "apt-get install -y chromium chromium-driver   (.ci/run does this in CI; or set " + variable
				+ " to its path). Package: " + debianPackage);
	}

	private static Path temporaryProfile() {
		try {
			return Files.createTempDirectory("moonlight-chromium-profile-");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void write(Path file, byte[] content) {
		try {
			Files.createDirectories(file.getParent());
			Files.write(file, content);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void deleteQuietly(Path dir) {
		try (var paths = Files.walk(dir)) {
			paths.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
		catch (IOException ex) {
			// A profile left in /tmp is harmless; the test's outcome matters more.
		}
	}

}
