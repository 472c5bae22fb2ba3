package dev.moonlight.config;

/**
 * Where a configuration value came from: a file relative to the project directory, a
 * 1-based line (0 when unknown) and the key as the user wrote it ({@code [server] PORT},
 * {@code http.pool.num_workers}, {@code PORT}).
 *
 * @param file the file relative to the project directory, or {@link #COMMAND_LINE} /
 * {@link #PROCESS_ENVIRONMENT}
 * @param line the 1-based line, 0 when unknown
 * @param key the key, or {@code null} when the problem is a whole line or file
 */
public record Origin(String file, int line, String key) {

	/** The pseudo file of values given as command-line options. */
	public static final String COMMAND_LINE = "command line";

	/**
	 * The pseudo file of values read from the process environment (and Spring
	 * properties).
	 */
	public static final String PROCESS_ENVIRONMENT = "process environment";

	static Origin commandLine(String option) {
		return new Origin(COMMAND_LINE, 0, option);
	}

	static Origin processEnvironment(String key) {
		return new Origin(PROCESS_ENVIRONMENT, 0, key);
	}

	/** {@code file:line}, or just the file when the line is unknown. */
	public String location() {
		return (this.line > 0) ? this.file + ":" + this.line : this.file;
	}

	/**
	 * Whether this origin is a real file under the project directory rather than a pseudo
	 * source.
	 */
	public boolean isFile() {
		return !COMMAND_LINE.equals(this.file) && !PROCESS_ENVIRONMENT.equals(this.file);
	}

}
