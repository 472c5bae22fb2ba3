package studio.northwind.deskflow;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.moonlight.testing.Axe;
import dev.moonlight.testing.BrowserSession;
import dev.moonlight.testing.Browsers;
import dev.moonlight.testing.RunningApp;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The board as axe-core sees it, logged out and logged in, in the light and the dark
 * scheme (emulated through the DevTools protocol): no violation of impact serious or
 * critical. The same pages give the README's screenshots.
 */
class BoardAccessibilityTests {

	/**
	 * Where the screenshots go: {@code target/board-screenshots} unless
	 * {@code -Dboard.screenshots=docs/images} asks for the README's copies.
	 */
	private static final Path SCREENSHOTS = Path
		.of(System.getProperty("board.screenshots", "target/board-screenshots"));

	private static final String[] SCHEMES = { "light", "dark" };

	@RegisterExtension
	static final Browsers browsers = new Browsers();

	private static RunningApp app;

	private static BrowserSession browser;

	private BoardPage board;

	@BeforeAll
	static void start() {
		app = ShippedConfig.deskflow().start();
		browser = browsers.forClass();
	}

	@AfterAll
	static void stop() {
		if (app != null) {
			app.close();
		}
	}

	@BeforeEach
	void loggedOut() {
		browser.colorScheme("light");
		this.board = new BoardPage(browser, app.baseUrl()).openLoggedOut();
	}

	@Test
	void theLoginPageHasNoSeriousViolationInEitherScheme() {
		for (String scheme : SCHEMES) {
			browser.colorScheme(scheme);
			assertThat(Axe.seriousViolations(browser)).as("axe-core on the login page, %s", scheme).isEmpty();
		}
	}

	@Test
	void theBoardHasNoSeriousViolationInEitherScheme() {
		this.board.logIn(DeskFlowCalls.ALEX);
		this.board.awaitCardTitled("open", "Review homepage mockups");
		for (String scheme : SCHEMES) {
			browser.colorScheme(scheme);
			assertThat(Axe.seriousViolations(browser)).as("axe-core on the board, %s", scheme).isEmpty();
		}
	}

	/**
	 * A phone's width: the board is usable at 360 px (no sideways scroll, every column
	 * and the new-task form in reach) with no serious violation, and a card moved by
	 * keyboard lands in its column.
	 */
	@Test
	void atThreeHundredSixtyPixelsTheBoardFitsTheScreen() {
		browser.viewport(360, 740);
		try {
			this.board.logIn(DeskFlowCalls.ALEX);
			long id = this.board.awaitCardTitled("open", "Update client project brief");
			Object overflow = browser
				.script("return document.documentElement.scrollWidth - document.documentElement.clientWidth");
			assertThat(((Number) overflow).intValue()).as("pixels the page is wider than the screen")
				.isLessThanOrEqualTo(0);
			for (String status : new String[] { "open", "in_progress", "done" }) {
				Object width = browser.script("return arguments[0].getBoundingClientRect().width",
						browser.driver().findElement(BoardPage.column(status)));
				assertThat(((Number) width).doubleValue()).as("column %s's width", status).isBetween(200.0, 360.0);
			}
			assertThat(browser.driver().findElement(BoardPage.testId("new-task-title")).isDisplayed()).isTrue();
			this.board.moveByKeyboard(id, "In progress");
			this.board.awaitCardIn("in_progress", id);
			this.board.moveByKeyboard(id, "Open");
			this.board.awaitCardIn("open", id);
			assertThat(Axe.seriousViolations(browser)).as("axe-core on the board at 360 px").isEmpty();
		}
		finally {
			browser.viewport(1280, 800);
		}
	}

	/**
	 * The README's pictures, 1280 x 800, logged in; the dark one must really be dark (the
	 * page follows the system's scheme).
	 */
	@Test
	void screenshotsOfTheBoardInLightAndDark() throws IOException {
		browser.viewport(1280, 800);
		this.board.logIn(DeskFlowCalls.ALEX);
		this.board.awaitCardTitled("done", "Prepare sprint retro notes");
		browser.script("document.activeElement && document.activeElement.blur()");
		double[] brightness = new double[SCHEMES.length];
		for (int i = 0; i < SCHEMES.length; i++) {
			browser.colorScheme(SCHEMES[i]);
			Path png = SCREENSHOTS.resolve("board-" + SCHEMES[i] + ".png");
			browser.screenshot(png);
			BufferedImage image = ImageIO.read(png.toFile());
			assertThat(image.getWidth()).isEqualTo(1280);
			assertThat(image.getHeight()).isEqualTo(800);
			brightness[i] = brightness(image);
		}
		assertThat(brightness[1]).as("the dark board is darker than the light one").isLessThan(brightness[0] - 0.3);
	}

	/** The mean luminance of the picture's pixels, from 0 (black) to 1 (white). */
	private static double brightness(BufferedImage image) {
		double sum = 0;
		int count = 0;
		for (int y = 0; y < image.getHeight(); y += 4) {
			for (int x = 0; x < image.getWidth(); x += 4) {
				int rgb = image.getRGB(x, y);
				sum += (0.2126 * ((rgb >> 16) & 0xff) + 0.7152 * ((rgb >> 8) & 0xff) + 0.0722 * (rgb & 0xff)) / 255;
				count++;
			}
		}
		return sum / count;
	}

}
