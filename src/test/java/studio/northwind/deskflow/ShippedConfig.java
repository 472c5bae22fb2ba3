package studio.northwind.deskflow;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;

import dev.moonlight.testing.RunningApp;

/**
 * The configuration files the repository ships, so the tests run DeskFlow as a newcomer
 * would.
 */
public final class ShippedConfig {

	/** The tutorial's password of the seeded members, as {@code .env.example} sets it. */
	public static final String SEED_PASSWORD = "secret";

	/**
	 * Turns the shipped envelope TCP server on, on a free port (its .rr.yaml addr is
	 * {@code ${TCP_ENVELOPE_ADDR:-}}).
	 */
	public static final String TCP_ENVELOPE_ON_FREE_PORT = "TCP_ENVELOPE_ADDR=tcp://127.0.0.1:0";

	/** Turns the shipped SMTP greeter on, on a free port. */
	public static final String TCP_SMTP_ON_FREE_PORT = "TCP_SMTP_ADDR=tcp://127.0.0.1:0";

	private ShippedConfig() {
	}

	public static String settingsIni() {
		return read("environment/settings.ini");
	}

	public static String rrYaml() {
		return read(".rr.yaml");
	}

	static String envExample() {
		return read("environment/.env.example");
	}

	/**
	 * A {@code .env} like the one a first run leaves behind: a fresh random JWT secret
	 * (never a value written down) and the tutorial's seed password.
	 */
	static String dotEnv() {
		byte[] secret = new byte[32];
		new SecureRandom().nextBytes(secret);
		return "JWT_SECRET=" + HexFormat.of().formatHex(secret) + "\nDESKFLOW_SEED_PASSWORD=" + SEED_PASSWORD + "\n";
	}

	/**
	 * DeskFlow with the shipped settings.ini and .rr.yaml and a first-run
	 * {@link #dotEnv()}, as a newcomer runs it.
	 */
	public static RunningApp.Builder deskflow() {
		return RunningApp.of(DeskFlowApplication.class).settings(settingsIni()).rrYaml(rrYaml()).dotEnv(dotEnv());
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
