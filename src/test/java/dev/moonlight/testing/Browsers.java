package dev.moonlight.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * The browsers of a test class, as a JUnit extension registered on a static field
 * ({@code @RegisterExtension static final Browsers browsers = new Browsers();}). When a
 * test (or its {@code @BeforeEach}) fails, every open browser's screenshot and page
 * source go to {@code target/browser-failures/} before anything closes; then the browsers
 * of that test quit after it, those of the class after the class, whatever happened.
 */
public final class Browsers implements TestExecutionExceptionHandler, LifecycleMethodExecutionExceptionHandler,
		AfterEachCallback, AfterAllCallback {

	/** Where the evidence of failed tests goes. */
	public static final Path FAILURES = Path.of("target", "browser-failures");

	private final List<BrowserSession> forClass = new ArrayList<>();

	private final List<BrowserSession> forTest = new ArrayList<>();

	/** A 1280 x 800 browser that lives until the test class ends. */
	public synchronized BrowserSession forClass() {
		BrowserSession browser = BrowserSession.open();
		this.forClass.add(browser);
		return browser;
	}

	/** A 1280 x 800 browser that quits when the current test ends. */
	public synchronized BrowserSession forTest() {
		BrowserSession browser = BrowserSession.open();
		this.forTest.add(browser);
		return browser;
	}

	@Override
	public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
		saveEvidence(context, failure);
		throw failure;
	}

	@Override
	public void handleBeforeEachMethodExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
		saveEvidence(context, failure);
		throw failure;
	}

	@Override
	public void afterEach(ExtensionContext context) {
		closeAll(this.forTest);
	}

	@Override
	public void afterAll(ExtensionContext context) {
		closeAll(this.forClass);
	}

	private synchronized void saveEvidence(ExtensionContext context, Throwable failure) {
		List<BrowserSession> open = new ArrayList<>(this.forClass);
		open.addAll(this.forTest);
		String test = context.getRequiredTestClass().getSimpleName() + "."
				+ context.getTestMethod().map((method) -> method.getName()).orElse("class");
		for (int i = 0; i < open.size(); i++) {
			try {
				open.get(i).saveEvidence(FAILURES, test + "-browser" + (i + 1));
			}
			catch (RuntimeException ex) {
				// A browser that cannot answer any more must not hide the test's failure.
				failure.addSuppressed(ex);
			}
		}
	}

	private synchronized void closeAll(List<BrowserSession> browsers) {
		RuntimeException first = null;
		for (BrowserSession browser : browsers) {
			try {
				browser.close();
			}
			catch (RuntimeException ex) {
				first = (first == null) ? ex : first;
			}
		}
		browsers.clear();
		if (first != null) {
			throw first;
		}
	}

}
