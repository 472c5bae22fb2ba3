package dev.moonlight.config;

/**
 * The HTTP listen address after the precedence ladder (CLI, env, settings.ini, .rr.yaml, default
 * {@code 127.0.0.1:8000}).
 *
 * @param host a host name or IP address, IPv6 without brackets
 * @param port 0 to 65535; 0 picks a free port
 */
public record ListenAddress(String host, int port) {

	/** {@code 127.0.0.1:8000}, or {@code [::1]:8000} for an IPv6 host. */
	public String hostPort() {
		return (this.host.indexOf(':') >= 0) ? "[" + this.host + "]:" + this.port : this.host + ":" + this.port;
	}

}
