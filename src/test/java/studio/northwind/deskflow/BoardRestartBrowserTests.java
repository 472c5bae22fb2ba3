package studio.northwind.deskflow;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.support.ui.ExpectedConditions;

import dev.moonlight.testing.Browsers;
import dev.moonlight.testing.ServerProcess;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The board across a server restart: DeskFlow in a process of its own (its H2 database in
 * the project folder, so the tasks outlive it) is stopped and started again on the same
 * port, and the open page notices, reconnects by itself and keeps working.
 */
class BoardRestartBrowserTests {

	private static final Duration BOOT = Duration.ofSeconds(120);

	@RegisterExtension
	static final Browsers browsers = new Browsers();

	@TempDir
	Path project;

	@Test
	void theBoardReconnectsAfterARestartAndKeepsWorking() throws Exception {
		int port = ServerProcess.freePort();
		writeProject();
		BoardApi api = new BoardApi(port);
		BoardPage board;
		long before;
		try (ServerProcess server = ServerProcess.start(DeskFlowApplication.class, this.project, port)) {
			server.awaitReady(BOOT);
			board = new BoardPage(browsers.forTest(), "http://127.0.0.1:" + port).openLoggedOut()
				.logIn(DeskFlowCalls.ALEX);
			before = api.createTask(api.login(DeskFlowCalls.ALEX), Map.of("title", "Browser: before the restart"));
			board.awaitCardIn("open", before);
			server.terminate();
			assertThat(server.awaitExit(Duration.ofSeconds(60))).as("the server stops on SIGTERM").isTrue();
		}
		board.browser()
			.await("the live indicator to leave 'live' while the server is down",
					ExpectedConditions.not(ExpectedConditions.textToBe(BoardPage.LIVE, "live")));
		Object marker = board.browser().script("return window.boardTestMark = String(Math.random());");
		try (ServerProcess server = ServerProcess.start(DeskFlowApplication.class, this.project, port)) {
			server.awaitReady(BOOT);
			board.awaitLive(Duration.ofSeconds(30));
			String token = api.login(DeskFlowCalls.ALEX);
			long after = api.createTask(token, Map.of("title", "Browser: after the restart"));
			board.awaitCardIn("open", after);
			board.moveByKeyboard(before, "In");
			board.awaitCardIn("in_progress", before);
			assertThat(api.status(token, before)).as("the move after the restart is stored").isEqualTo("in_progress");
			assertThat(board.browser().script("return window.boardTestMark")).as("the same page, not a reload")
				.isEqualTo(marker);
		}
	}

	/**
	 * The shipped configuration, its admin RPC on a free port, the embedded H2 database.
	 */
	private void writeProject() throws Exception {
		Files.createDirectories(this.project.resolve("environment"));
		Files.writeString(this.project.resolve(".rr.yaml"),
				ShippedConfig.rrYaml() + "\nrpc:\n  listen: tcp://127.0.0.1:" + ServerProcess.freePort() + "\n");
		Files.writeString(this.project.resolve("environment/settings.ini"), ShippedConfig.settingsIni());
		Files.writeString(this.project.resolve("environment/.env"), ShippedConfig.dotEnv());
	}

}
