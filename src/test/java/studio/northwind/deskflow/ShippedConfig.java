package studio.northwind.deskflow;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The configuration files the repository ships, so the tests run DeskFlow as a newcomer would. */
final class ShippedConfig {

	private ShippedConfig() {
	}

	static String settingsIni() {
		return read("environment/settings.ini");
	}

	static String rrYaml() {
		return read(".rr.yaml");
	}

	private static String read(String path) {
		try {
			return Files.readString(Path.of(path));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
