package studio.northwind.deskflow;

import java.time.Duration;

import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;

import dev.moonlight.testing.BrowserSession;

/**
 * The board at {@code /} in one browser, through its {@code data-testid} hooks only (the
 * contract of issue 17), so a restyled page keeps its tests.
 */
final class BoardPage {

	static final By EMAIL = testId("login-email");

	static final By PASSWORD = testId("login-password");

	static final By LOGOUT = testId("logout");

	static final By ERROR = testId("error");

	/** The live indicator: "live" once the task channel is subscribed. */
	static final By LIVE = By.id("live");

	private final BrowserSession browser;

	private final String baseUrl;

	BoardPage(BrowserSession browser, String baseUrl) {
		this.browser = browser;
		this.baseUrl = baseUrl;
	}

	BrowserSession browser() {
		return this.browser;
	}

	static By testId(String id) {
		return By.cssSelector("[data-testid='" + id + "']");
	}

	static By column(String status) {
		return testId("column-" + status);
	}

	/** The card of task {@code id} in the column of {@code status}. */
	static By cardIn(String status, long id) {
		return By
			.cssSelector("[data-testid='column-" + status + "'] [data-testid='task-card'][data-task-id='" + id + "']");
	}

	static By card(long id) {
		return By.cssSelector("[data-testid='task-card'][data-task-id='" + id + "']");
	}

	/** The board, logged out: a fresh tab's state (the token lives in sessionStorage). */
	BoardPage openLoggedOut() {
		this.browser.driver().get(this.baseUrl + "/");
		this.browser.script("sessionStorage.clear(); localStorage.clear();");
		this.browser.driver().navigate().refresh();
		this.browser.await("the login form", ExpectedConditions.visibilityOfElementLocated(EMAIL));
		return this;
	}

	/** Logs in with the login form and waits until the board is live. */
	BoardPage logIn(String email) {
		typeCredentials(email, ShippedConfig.SEED_PASSWORD);
		this.browser.await("the log-out button after logging in as " + email,
				ExpectedConditions.visibilityOfElementLocated(LOGOUT));
		awaitLive();
		return this;
	}

	void typeCredentials(String email, String password) {
		WebElement field = this.browser.driver().findElement(EMAIL);
		field.clear();
		field.sendKeys(email);
		WebElement secret = this.browser.driver().findElement(PASSWORD);
		secret.clear();
		secret.sendKeys(password);
		this.browser.driver().findElement(testId("login-submit")).click();
	}

	/** Waits until the page says its task channel is subscribed. */
	void awaitLive() {
		awaitLive(BrowserSession.WAIT);
	}

	void awaitLive(Duration timeout) {
		this.browser.await("the board's live indicator to say live", timeout,
				ExpectedConditions.textToBe(LIVE, "live"));
	}

	/** Waits until the card of task {@code id} is in the column of {@code status}. */
	WebElement awaitCardIn(String status, long id) {
		return this.browser.await("task " + id + " in the column " + status,
				ExpectedConditions.visibilityOfElementLocated(cardIn(status, id)));
	}

	/**
	 * Waits until a card titled {@code title} is in the column and answers its task id.
	 */
	long awaitCardTitled(String status, String title) {
		By card = By.xpath("//*[@data-testid='column-" + status + "']//*[@data-testid='task-card'][.//h3[.="
				+ xpathText(title) + "]]");
		WebElement found = this.browser.await("a card titled '" + title + "' in the column " + status,
				ExpectedConditions.visibilityOfElementLocated(card));
		return Long.parseLong(found.getDomAttribute("data-task-id"));
	}

	/** Types a title in the new-task field and presses its button. */
	void createTask(String title) {
		WebElement field = this.browser.driver().findElement(testId("new-task-title"));
		field.clear();
		field.sendKeys(title);
		this.browser.driver().findElement(testId("new-task-submit")).click();
	}

	/**
	 * Moves a task with the keyboard only: focuses its status control and types the first
	 * letters of the status's label, as a keyboard user picks from a menu.
	 */
	void moveByKeyboard(long id, String label) {
		WebElement status = this.browser.driver().findElement(card(id)).findElement(testId("task-status"));
		status.sendKeys(label);
	}

	/**
	 * Drags the card of task {@code id} by its title onto the column of {@code status}
	 * with WebDriver's pointer actions: real pointerdown, pointermove and pointerup
	 * events, as a mouse makes them.
	 */
	void drag(long id, String status) {
		WebElement handle = this.browser.driver().findElement(card(id)).findElement(By.tagName("h3"));
		WebElement target = this.browser.driver().findElement(column(status)).findElement(By.tagName("h2"));
		new Actions(this.browser.driver()).clickAndHold(handle)
			.moveByOffset(12, 12)
			.moveToElement(target)
			.moveByOffset(0, 4)
			.release()
			.perform();
	}

	private static String xpathText(String text) {
		return text.contains("'") ? "concat('" + text.replace("'", "',\"'\",'") + "')" : "'" + text + "'";
	}

}
