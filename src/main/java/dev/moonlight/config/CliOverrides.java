package dev.moonlight.config;

/**
 * {@code --host} and {@code --port} as typed on the command line: the top of the
 * listen-address ladder.
 *
 * @param host the host, or {@code null}; may embed a port ({@code 0.0.0.0:9000},
 * {@code [::1]:9000})
 * @param port the port as text, or {@code null}; validated like any other port
 */
public record CliOverrides(String host, String port) {

	private static final CliOverrides NONE = new CliOverrides(null, null);

	/** No command-line overrides. */
	public static CliOverrides none() {
		return NONE;
	}

}
