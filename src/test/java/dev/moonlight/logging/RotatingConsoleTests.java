package dev.moonlight.logging;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class RotatingConsoleTests {

	@TempDir
	Path dir;

	@Test
	void linesLandInTheFileAsPrinted() throws Exception {
		Path log = this.dir.resolve("deskflow.log");
		PrintStream console = RotatingConsole.open(new LogRotation(Optional.of(log), 1, 7, 2, true, Optional.empty()));
		console.print("first line {} with braces\nsecond ");
		console.println("line");
		console.println("{\"status\":200}");
		assertThat(Files.readAllLines(log)).containsExactly("first line {} with braces", "second line",
				"{\"status\":200}");
	}

	@Test
	void aFullFileRollsAndOldFilesAreCapped() throws Exception {
		Path log = this.dir.resolve("deskflow.log");
		PrintStream console = RotatingConsole.open(new LogRotation(Optional.of(log), 1, 7, 2, false, Optional.empty()));
		String line = "x".repeat(1023);
		for (int i = 0; i < 5 * 1024; i++) {
			console.println(line);
		}
		try (Stream<Path> files = Files.list(this.dir)) {
			List<Path> rolled = files.filter((file) -> !file.equals(log)).toList();
			assertThat(rolled).as("5 MB in 1 MB files")
				.isNotEmpty()
				.allSatisfy((file) -> assertThat(file.getFileName().toString()).startsWith("deskflow.log."));
		}
		assertThat(Files.size(log)).isLessThanOrEqualTo(1024 * 1024 + 1024);
	}

}
