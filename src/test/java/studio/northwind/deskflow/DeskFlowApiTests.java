package studio.northwind.deskflow;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import dev.moonlight.testing.RunningApp;

/** The DeskFlow contract on the embedded H2 file database, as {@code ./mvnw spring-boot:run} serves it. */
class DeskFlowApiTests extends DeskFlowApiContract {

	private static RunningApp app;

	@BeforeAll
	static void start() {
		app = RunningApp.of(DeskFlowApplication.class).file("environment/settings.ini", ShippedConfig.settingsIni())
			.file(".rr.yaml", ShippedConfig.rrYaml())
			.start();
	}

	@AfterAll
	static void stop() {
		app.close();
	}

	@Override
	RunningApp app() {
		return app;
	}

}
