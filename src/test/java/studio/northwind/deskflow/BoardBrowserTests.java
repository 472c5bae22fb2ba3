package studio.northwind.deskflow;

import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import dev.moonlight.testing.BrowserSession;
import dev.moonlight.testing.Browsers;
import dev.moonlight.testing.RunningApp;

import static org.assertj.core.api.Assertions.assertThat;
import static studio.northwind.deskflow.BoardPage.cardIn;
import static studio.northwind.deskflow.BoardPage.testId;

/**
 * The board at {@code /} in real headless Chromium against DeskFlow on H2: one server and
 * one browser for the class (each test starts from a logged-out tab); what a test creates
 * has a title of its own, and the seeded tasks are never moved. Fails, never skips,
 * without Chromium and its driver.
 */
class BoardBrowserTests {

	@RegisterExtension
	static final Browsers browsers = new Browsers();

	private static RunningApp app;

	private static BrowserSession browser;

	private BoardPage board;

	private BoardApi api;

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
		this.board = new BoardPage(browser, app.baseUrl()).openLoggedOut();
		this.api = new BoardApi(app.port());
	}

	@Test
	void aSeededMemberLogsInAndSeesTheSeededTasksInTheirColumns() {
		this.board.logIn(DeskFlowCalls.ALEX);
		assertThat(this.board.awaitCardTitled("open", "Review homepage mockups")).isEqualTo(1);
		assertThat(this.board.awaitCardTitled("done", "Prepare sprint retro notes")).isEqualTo(2);
		assertThat(this.board.awaitCardTitled("open", "Update client project brief")).isEqualTo(3);
		assertThat(browser.driver().findElement(cardIn("open", 3)).findElement(testId("task-assignee")).getText())
			.isEqualTo(DeskFlowCalls.JAMIE);
		assertThat(browser.driver().findElements(testId("column-in_progress"))).hasSize(1);
	}

	@Test
	void aWrongPasswordIsRefusedWithAReadableMessage() {
		this.board.typeCredentials(DeskFlowCalls.ALEX, "not-the-password");
		WebElement error = browser.await("the refusal of the login",
				ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#auth [data-testid='error']")));
		assertThat(error.getDomAttribute("data-code")).isEqualTo("401");
		assertThat(browser.driver().findElement(BoardPage.LOGOUT).isDisplayed()).isFalse();
	}

	@Test
	void aNewTaskAppearsInTheOpenColumnAndIsStored() {
		this.board.logIn(DeskFlowCalls.ALEX);
		this.board.createTask("Browser: a task typed on the board");
		long id = this.board.awaitCardTitled("open", "Browser: a task typed on the board");
		assertThat(this.api.status(this.api.login(DeskFlowCalls.ALEX), id)).isEqualTo("open");
	}

	@Test
	void theStatusControlMovesATaskByKeyboard() {
		String token = this.api.login(DeskFlowCalls.ALEX);
		long id = this.api.createTask(token, Map.of("title", "Browser: moved by keyboard"));
		this.board.logIn(DeskFlowCalls.ALEX);
		this.board.awaitCardIn("open", id);
		this.board.moveByKeyboard(id, "In");
		this.board.awaitCardIn("in_progress", id);
		this.board.moveByKeyboard(id, "D");
		this.board.awaitCardIn("done", id);
		assertThat(this.api.status(token, id)).as("the move is stored").isEqualTo("done");
	}

	/**
	 * Assigning from the card: the dialog takes the assignee, the card names them, and
	 * the assignment mail's job shows on the card until it is sent.
	 */
	@Test
	void assigningATaskShowsItsMailJobOnTheCardUntilItIsSent() {
		String token = this.api.login(DeskFlowCalls.ALEX);
		long id = this.api.createTask(token, Map.of("title", "Browser: assigned on the board"));
		this.board.logIn(DeskFlowCalls.ALEX);
		this.board.awaitCardIn("open", id).findElement(testId("task-assignee")).click();
		WebElement email = browser.await("the assign dialog's field",
				ExpectedConditions.visibilityOfElementLocated(By.cssSelector("dialog input[name=assignee]")));
		email.clear();
		email.sendKeys(DeskFlowCalls.JAMIE);
		browser.driver().findElement(By.cssSelector("dialog button[type=submit]")).click();
		String onCard = "[data-testid=task-card][data-task-id=\"" + id + "\"] ";
		browser.await("the mail job on the card, sent", ExpectedConditions
			.attributeToBe(By.cssSelector(onCard + "[data-testid=task-job]"), "data-state", "done"));
		assertThat(browser.driver().findElement(By.cssSelector(onCard + "[data-testid=task-assignee]")).getText())
			.isEqualTo(DeskFlowCalls.JAMIE);
	}

	@Test
	void dragAndDropMovesATaskToTheColumnItIsDroppedOn() {
		String token = this.api.login(DeskFlowCalls.ALEX);
		long id = this.api.createTask(token, Map.of("title", "Browser: moved by drag and drop"));
		this.board.logIn(DeskFlowCalls.ALEX);
		this.board.awaitCardIn("open", id);
		this.board.drag(id, "in_progress");
		this.board.awaitCardIn("in_progress", id);
		this.board.drag(id, "done");
		this.board.awaitCardIn("done", id);
		assertThat(this.api.status(token, id)).as("the drop is stored").isEqualTo("done");
	}

	@Test
	void aChangeInAnotherBrowserAppearsLiveWithoutAReload() {
		this.board.logIn(DeskFlowCalls.ALEX);
		Object marker = markPage();
		BoardPage other = new BoardPage(browsers.forTest(), app.baseUrl()).openLoggedOut().logIn(DeskFlowCalls.ALEX);
		other.createTask("Browser: typed in the other window");
		long id = other.awaitCardTitled("open", "Browser: typed in the other window");
		this.board.awaitCardIn("open", id);
		other.moveByKeyboard(id, "In");
		this.board.awaitCardIn("in_progress", id);
		assertThat(markPage()).as("the same page, not a reload").isEqualTo(marker);
	}

	@Test
	void aChangeMadeThroughTheApiAppearsLiveWithoutAReload() {
		this.board.logIn(DeskFlowCalls.ALEX);
		Object marker = markPage();
		String token = this.api.login(DeskFlowCalls.JAMIE);
		long id = this.api.createTask(token, Map.of("title", "Browser: posted with curl"));
		this.board.awaitCardIn("open", id);
		this.api.updateTask(token, id, Map.of("status", "in_progress"));
		this.board.awaitCardIn("in_progress", id);
		assertThat(markPage()).as("the same page, not a reload").isEqualTo(marker);
	}

	/**
	 * The board offers only what the rules allow, so the refusal comes from a change it
	 * cannot know of: Jamie owns a project, Alex takes it over through the API, and
	 * Jamie's move of its task is refused with 403, shown on the card.
	 */
	@Test
	void aForbiddenMoveShowsTheRefusalOnTheCard() {
		String alex = this.api.login(DeskFlowCalls.ALEX);
		long project = this.api.createProject(alex, "Browser: Jamie's corner " + System.nanoTime(),
				DeskFlowCalls.JAMIE);
		long id = this.api.createTask(alex, Map.of("title", "Browser: refused move", "project_id", project));
		this.board.logIn(DeskFlowCalls.JAMIE);
		this.board.awaitCardIn("open", id);
		this.api.updateProject(alex, project, Map.of("owner", DeskFlowCalls.ALEX));
		this.board.moveByKeyboard(id, "In");
		WebElement error = browser
			.await("the refusal on the card",
					ExpectedConditions.visibilityOfNestedElementsLocatedBy(BoardPage.card(id), BoardPage.ERROR))
			.get(0);
		assertThat(error.getDomAttribute("data-code")).isEqualTo("403");
		assertThat(error.getText()).contains("Not allowed");
		assertThat(browser.driver().findElements(cardIn("open", id))).as("the card stays where it was").hasSize(1);
		assertThat(this.api.status(alex, id)).isEqualTo("open");
	}

	@Test
	void logOutForgetsTheTokenAndShowsTheLoginForm() {
		this.board.logIn(DeskFlowCalls.ALEX);
		browser.driver().findElement(BoardPage.LOGOUT).click();
		browser.await("the login form", ExpectedConditions.visibilityOfElementLocated(BoardPage.EMAIL));
		assertThat(browser.driver().findElements(testId("task-card"))).as("no card is left").isEmpty();
		assertThat(browser.script("return sessionStorage.getItem('deskflow.token')")).isNull();
		browser.driver().navigate().refresh();
		browser.await("the login form after a reload", ExpectedConditions.visibilityOfElementLocated(BoardPage.EMAIL));
		assertThat(browser.driver().findElement(BoardPage.LOGOUT).isDisplayed()).isFalse();
	}

	/** A mark on the page's window that a reload would lose. */
	private Object markPage() {
		return browser.script("return window.boardTestMark = window.boardTestMark || String(Math.random());");
	}

}
