package dev.moonlight.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code --version}: the application's version as its build wrote it into
 * {@code version.properties} (resource filtering of {@code @project.version@}), so no
 * command carries a version typed by hand. picocli builds this with every command, so the
 * file is read only when a version is asked for, and its absence never stops a command.
 */
final class BuildVersion implements IVersionProvider {

	@Spec
	private CommandSpec spec;

	@Override
	public String[] getVersion() {
		// The root command has no name of its own in the line; a subcommand is named, as
		// "Moonlight reload 0.1.0".
		String command = (this.spec == null || this.spec.parent() == null) ? "" : this.spec.name() + " ";
		return new String[] { "Moonlight " + command + read() };
	}

	/**
	 * The built version, else the jar manifest's, else {@code unknown} (classes run from
	 * an IDE, say).
	 */
	static String read() {
		Properties properties = new Properties();
		try (InputStream in = BuildVersion.class.getResourceAsStream("version.properties")) {
			if (in != null) {
				properties.load(in);
			}
		}
		catch (IOException ex) {
			// An unreadable file is a missing one: --version still answers.
		}
		String version = properties.getProperty("version");
		if (version == null || version.isBlank() || version.startsWith("@")) {
			version = BuildVersion.class.getPackage().getImplementationVersion();
		}
		return (version != null) ? version : "unknown";
	}

}
