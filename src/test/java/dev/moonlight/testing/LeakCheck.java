package dev.moonlight.testing;

import java.util.List;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test class when Netty reported a leaked buffer while it ran (or, for a buffer
 * collected late, while the class before it ran). Registered for every test class through
 * {@code META-INF/services} and JUnit's extension autodetection; it runs after the
 * class's {@code @AfterAll} methods, so its servers are closed by then.
 */
public final class LeakCheck implements AfterAllCallback {

	/**
	 * How much of the first report goes into the failure; the whole report is in the test
	 * output.
	 */
	private static final int REPORT_CHARS = 4000;

	public LeakCheck() {
		NettyLeaks.install();
	}

	@Override
	public void afterAll(ExtensionContext context) {
		List<String> leaks = NettyLeaks.collect();
		if (!leaks.isEmpty()) {
			String first = leaks.get(0);
			throw new AssertionError(leaks.size() + " Netty buffer leak(s) reported during or just before "
					+ context.getDisplayName() + "; the first:\n"
					+ ((first.length() > REPORT_CHARS) ? first.substring(0, REPORT_CHARS) + "..." : first));
		}
	}

}
