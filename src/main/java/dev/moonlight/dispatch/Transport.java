package dev.moonlight.dispatch;

/**
 * How a call reached the server. Every transport runs its calls through the same
 * pipeline; only the bytes differ.
 */
public enum Transport {

	/** {@code POST /api/{v}/}, ping, the overview, and the API's error pages. */
	HTTP("http"),

	/** A text frame on {@code /api/{v}/ws}. */
	WEBSOCKET("ws"),

	/** An envelope line on a {@code tcp.servers} server. */
	TCP("tcp");

	private final String label;

	Transport(String label) {
		this.label = label;
	}

	/**
	 * The short name log lines, access lines and metrics use: {@code http}, {@code ws},
	 * {@code tcp}.
	 */
	public String label() {
		return label;
	}

}
