package studio.northwind.deskflow;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.moonlight.testing.Browsers;
import dev.moonlight.testing.RunningApp;
import dev.moonlight.testing.ScratchPostgres;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The board in headless Chromium on the machine's PostgreSQL (a scratch database, dropped
 * afterwards): a smoke test of the PostgreSQL suite ({@code -Ppostgres}); it fails, never
 * skips, without PostgreSQL or Chromium.
 */
@Tag("postgres")
class BoardPostgresBrowserTests {

	@RegisterExtension
	static final Browsers browsers = new Browsers();

	private static ScratchPostgres database;

	private static RunningApp app;

	@BeforeAll
	static void start() {
		database = ScratchPostgres.create("deskflow_board");
		app = ShippedConfig.deskflow().property("DATABASE_URL=" + database.databaseUrl()).start();
	}

	@AfterAll
	static void stop() {
		if (app != null) {
			app.close();
		}
		database.close();
	}

	@Test
	void aMemberLogsInSeesTheSeededTasksAndCreatesOne() {
		BoardPage board = new BoardPage(browsers.forTest(), app.baseUrl()).openLoggedOut().logIn(DeskFlowCalls.ALEX);
		assertThat(board.awaitCardTitled("open", "Review homepage mockups")).isEqualTo(1);
		assertThat(board.awaitCardTitled("done", "Prepare sprint retro notes")).isEqualTo(2);
		board.createTask("Browser: filed on PostgreSQL");
		long id = board.awaitCardTitled("open", "Browser: filed on PostgreSQL");
		BoardApi api = new BoardApi(app.port());
		assertThat(api.status(api.login(DeskFlowCalls.ALEX), id)).as("stored in PostgreSQL").isEqualTo("open");
	}

}
