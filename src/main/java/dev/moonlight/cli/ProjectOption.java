package dev.moonlight.cli;

import java.nio.file.Path;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** {@code --project-dir} for the commands that talk to a running server or its files. */
final class ProjectOption {

	@Option(names = "--project-dir", paramLabel = "DIR",
			description = "The project folder (with .rr.yaml and environment/). Default: MOONLIGHT_PROJECT_DIR, "
					+ "else the current folder.")
	private Path dir;

	ProjectFolder project(CommandSpec root) {
		return ProjectFolder.locate(dir, root);
	}

}
