package dev.moonlight.config;

/**
 * The HTTP listen address after the precedence ladder (CLI, env, settings.ini, .rr.yaml,
 * default {@code 127.0.0.1:8000}).
 *
 * @param host a host name or IP address, IPv6 without brackets
 * @param port 0 to 65535; 0 picks a free port
 */
public record ListenAddress(String host, int port) {

	/**
	 * Reads an address value written like {@code http.address} ({@code host:port},
	 * {@code :port}, {@code port}, {@code [ipv6]:port}); a part the value leaves out
	 * comes from {@code defaults}, so {@code :8443} keeps the default host rather than
	 * Go's all-interfaces reading.
	 * @param value the raw value, which any error names
	 * @param defaults the host and port used for the parts the value leaves out
	 * @return the address
	 * @throws ConfigException when the host or port is malformed
	 */
	public static ListenAddress parse(ConfigValue value, ListenAddress defaults) {
		return ListenAddressResolver.parse(value, defaults);
	}

	/** {@code 127.0.0.1:8000}, or {@code [::1]:8000} for an IPv6 host. */
	public String hostPort() {
		return (this.host.indexOf(':') >= 0) ? "[" + this.host + "]:" + this.port : this.host + ":" + this.port;
	}

}
