package studio.northwind.deskflow;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dev.moonlight.testing.HeadlessChromium;
import dev.moonlight.testing.RunningApp;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code /docs} explorer in a real headless Chromium: a shared link that preselects {@code task.list} and runs
 * it must show the HTTP status and the envelope with the seeded tasks. Fails, never skips, without Chromium.
 */
class DocsBrowserTests {

	private static final Pattern STATUS = Pattern.compile("<output id=\"status\"[^>]*>([^<]*)</output>");

	private static final Pattern RESPONSE = Pattern.compile("<pre id=\"response\"[^>]*>(.*?)</pre>", Pattern.DOTALL);

	@Test
	void aLinkToTaskListRunsItAndShowsTheEnvelope() throws Exception {
		HeadlessChromium chromium = HeadlessChromium.installed();
		try (RunningApp app = ShippedConfig.deskflow().start()) {
			String dom = chromium.dumpDom(app.baseUrl() + "/docs?action=task.list&run=1", Duration.ofSeconds(15),
					Duration.ofSeconds(90));
			assertThat(group(STATUS, dom)).as("the HTTP status the page shows").isEqualTo("200");
			assertThat(group(RESPONSE, dom)).as("the pretty-printed envelope")
				.contains("\"returnCode\": 0")
				.contains("\"returnMessage\": \"OK\"")
				.contains("Review homepage mockups");
		}
	}

	private static String group(Pattern pattern, String dom) {
		Matcher matcher = pattern.matcher(dom);
		assertThat(matcher.find()).as("the page has %s; its DOM: %s", pattern, dom).isTrue();
		return matcher.group(1);
	}

}
