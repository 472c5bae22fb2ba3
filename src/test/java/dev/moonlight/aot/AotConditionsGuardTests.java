package dev.moonlight.aot;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.moonlight.testapp.TestApplication;
import dev.moonlight.testing.ChildJvm;
import dev.moonlight.testing.ServerProcess;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The switch on an application that has no Spring AOT definitions (a jar built with
 * {@code -Dspring-boot.aot.skip=true}): Spring Boot alone would refuse to start; the
 * guard starts it without them and says why. DeskFlow's AOT starts are in
 * {@code DeskFlowAotTests}.
 */
class AotConditionsGuardTests {

	@TempDir
	Path folder;

	@Test
	void anApplicationWithoutDefinitionsStartsWithoutThemAndSaysWhy() throws Exception {
		List<String> java = new ArrayList<>(ChildJvm.command());
		java.add("-Dspring.aot.enabled=true");
		try (ServerProcess server = ServerProcess.startBare(java, TestApplication.class, this.folder,
				ServerProcess.freePort(), Map.of())) {
			server.awaitReady(Duration.ofSeconds(90));
			assertThat(server.log())
				.contains("Starting without Spring AOT's build-time bean definitions: the jar holds no Spring AOT "
						+ "definitions for " + TestApplication.class.getName())
				.doesNotContain("AOT-processed");
		}
	}

}
