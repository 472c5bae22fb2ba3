package dev.moonlight.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code --version} of every command: the framework's version as the build wrote it into {@code version.properties}
 * (resource filtering), so no command carries a version typed by hand.
 */
final class BuildVersion implements IVersionProvider {

	/** The version this framework was built as, such as {@code 0.1.0-SNAPSHOT}. */
	static final String VERSION = read();

	@Spec
	private CommandSpec spec;

	@Override
	public String[] getVersion() {
		// The root command has no name of its own in the line; a subcommand is named, as "Moonlight reload 0.1.0".
		String command = (this.spec == null || this.spec.parent() == null) ? "" : this.spec.name() + " ";
		return new String[] { "Moonlight " + command + VERSION };
	}

	private static String read() {
		Properties properties = new Properties();
		try (InputStream in = BuildVersion.class.getResourceAsStream("version.properties")) {
			if (in == null) {
				throw new IllegalStateException("dev/moonlight/cli/version.properties is missing from the build");
			}
			properties.load(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return properties.getProperty("version");
	}

}
