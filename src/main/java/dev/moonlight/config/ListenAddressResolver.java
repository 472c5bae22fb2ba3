package dev.moonlight.config;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The listen-address ladder, first match wins, host and port resolved independently: CLI
 * {@code --host} / {@code --port}, then {@code HOST}/{@code SERVER_HOST} and
 * {@code PORT}/{@code SERVER_PORT} (process environment, then .env), then
 * {@code [roadrunner]} or {@code [server]} in settings.ini, then {@code http.address} in
 * .rr.yaml, then {@code 127.0.0.1:8000}. Only the winning value is validated, so a stale
 * value lower down cannot stop a boot that overrides it.
 */
final class ListenAddressResolver {

	static final String DEFAULT_HOST = "127.0.0.1";

	static final int DEFAULT_PORT = 8000;

	private static final List<String> INI_SECTIONS = List.of("roadrunner", "server");

	private static final Pattern HOST = Pattern.compile("[A-Za-z0-9._%:-]+");

	private static final String ADDRESS_REASON = "Address must look like host:port, :port, port or [ipv6]:port.";

	private final CliOverrides cli;

	private final EnvLookup env;

	private final IniDocument ini;

	private final RrYaml rr;

	private HostPort yamlAddress;

	ListenAddressResolver(CliOverrides cli, EnvLookup env, IniDocument ini, RrYaml rr) {
		this.cli = cli;
		this.env = env;
		this.ini = ini;
		this.rr = rr;
	}

	ListenAddress resolve() {
		HostPort cliHost = (this.cli.host() != null)
				? split(new ConfigValue(this.cli.host(), Origin.commandLine("--host")), false) : HostPort.NONE;
		Optional<Part> cliPort = Optional.ofNullable(this.cli.port())
			.map((port) -> Part.of(new ConfigValue(port, Origin.commandLine("--port"))));
		Optional<Part> host = cliHost.host()
			.or(() -> this.env.first("HOST", "SERVER_HOST").map(Part::of))
			.or(() -> ini("HOST"))
			.or(() -> yamlAddress().host());
		// An explicit --port beats a port embedded in --host; both beat every file.
		Optional<Part> port = cliPort.or(cliHost::port)
			.or(() -> this.env.first("PORT", "SERVER_PORT").map(Part::of))
			.or(() -> ini("PORT"))
			.or(() -> yamlAddress().port());
		return new ListenAddress(host.map(ListenAddressResolver::validHost).orElse(DEFAULT_HOST),
				port.map((part) -> ValueParsers.port(part.text(), part.source())).orElse(DEFAULT_PORT));
	}

	static ListenAddress parse(ConfigValue value, ListenAddress defaults) {
		HostPort parts = split(value, true);
		return new ListenAddress(parts.host().map(ListenAddressResolver::validHost).orElse(defaults.host()),
				parts.port().map((part) -> ValueParsers.port(part.text(), part.source())).orElse(defaults.port()));
	}

	private Optional<Part> ini(String key) {
		for (String section : INI_SECTIONS) {
			Optional<ConfigValue> value = this.ini.getIgnoreCase(section, key)
				.filter((candidate) -> !candidate.isBlank());
			if (value.isPresent()) {
				return value.map(Part::of);
			}
		}
		return Optional.empty();
	}

	private HostPort yamlAddress() {
		if (this.yamlAddress == null) {
			this.yamlAddress = this.rr.get("http.address")
				.filter((value) -> !value.isBlank())
				.map((value) -> split(value, true))
				.orElse(HostPort.NONE);
		}
		return this.yamlAddress;
	}

	/**
	 * Splits {@code host:port}, {@code [v6]:port}, {@code :port} and, when
	 * {@code bareIsPort}, {@code 8000}. An empty host means "not given here", so
	 * {@code :8000} keeps looking for a host further down (and ends on the loopback
	 * default rather than Go's all-interfaces reading).
	 */
	static HostPort split(ConfigValue value, boolean bareIsPort) {
		String text = value.value().strip();
		String host;
		String port;
		if (text.startsWith("[")) {
			int close = text.indexOf(']');
			String rest = (close > 0) ? text.substring(close + 1) : "";
			if (close < 0 || !(rest.isEmpty() || rest.startsWith(":"))) {
				throw value.invalid(ADDRESS_REASON);
			}
			host = text.substring(1, close);
			port = rest.isEmpty() ? null : rest.substring(1);
		}
		else {
			int colon = text.indexOf(':');
			boolean bareIpv6 = colon >= 0 && text.indexOf(':', colon + 1) >= 0;
			if (colon < 0 || bareIpv6) {
				host = (bareIsPort && colon < 0) ? null : text;
				port = (bareIsPort && colon < 0) ? text : null;
			}
			else {
				host = text.substring(0, colon);
				port = text.substring(colon + 1);
			}
		}
		// An empty port after a colon ("localhost:") stays, so it is reported instead of
		// silently defaulted.
		return new HostPort(part((host == null || host.isBlank()) ? null : host, value), part(port, value));
	}

	private static Optional<Part> part(String text, ConfigValue source) {
		return (text != null) ? Optional.of(new Part(text.strip(), source)) : Optional.empty();
	}

	private static String validHost(Part part) {
		String host = part.text();
		if (host.startsWith("[") && host.endsWith("]")) {
			host = host.substring(1, host.length() - 1);
		}
		if (!HOST.matcher(host).matches()) {
			throw part.source().invalid("Host must be a host name or an IP address.");
		}
		return host;
	}

	/**
	 * One candidate: the text of the host or port, and the whole value it was cut from
	 * (errors quote that).
	 */
	record Part(String text, ConfigValue source) {

		static Part of(ConfigValue value) {
			return new Part(value.value().strip(), value);
		}

	}

	/** The host and port parts of one address value; either may be absent. */
	record HostPort(Optional<Part> host, Optional<Part> port) {

		static final HostPort NONE = new HostPort(Optional.empty(), Optional.empty());

	}

}
