package dev.moonlight.rpc;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

import dev.moonlight.config.ConfigException;
import dev.moonlight.config.ConfigValue;
import dev.moonlight.config.Origin;
import dev.moonlight.config.ProjectFiles;
import dev.moonlight.config.RrYaml;

/**
 * {@code rpc}: where the admin RPC listens and the token it asks for. The address is the
 * Spring property {@value #LISTEN_PROPERTY} when set (tests and embedders pick a free
 * port with it), else {@code .rr.yaml} {@code rpc.listen}, else
 * {@code tcp://127.0.0.1:6001}; the configured token is {@code [rpc] TOKEN} in
 * settings.ini, else {@code RPC_TOKEN} (process environment, then .env). Without one, the
 * token of {@code storage/run/rpc.token} is asked for ({@link RpcToken}): there is always
 * a token.
 *
 * @param host the host to bind or reach, IPv6 without brackets
 * @param port the port; 0 binds a free one
 * @param token the configured token, or {@code null} to use the token file
 * @param listen the {@code rpc.listen} value with its origin, for error messages
 */
public record RpcSettings(String host, int port, String token, ConfigValue listen) {

	/** The Spring property that outranks {@code rpc.listen}. */
	public static final String LISTEN_PROPERTY = "moonlight.rpc.listen";

	/**
	 * The same as an environment variable: a command run from a shell sees only the
	 * variable's exact name, where Spring would also map it to the property.
	 */
	public static final String LISTEN_VARIABLE = "MOONLIGHT_RPC_LISTEN";

	/** RoadRunner's default. */
	public static final String DEFAULT_LISTEN = "tcp://127.0.0.1:6001";

	private static final String FORMAT = "The address must look like tcp://127.0.0.1:6001 (host and port).";

	/**
	 * Reads the address and token; the format is checked here, the token rule by
	 * {@link #requireSafe()}.
	 * @param files the project's parsed files
	 * @param env the process environment (Spring: {@code environment::getProperty})
	 * @throws ConfigException naming the key and value when the address is malformed
	 */
	public static RpcSettings read(ProjectFiles files, Function<String, String> env) {
		ConfigValue listen = Stream.of(LISTEN_PROPERTY, LISTEN_VARIABLE)
			.filter((name) -> env.apply(name) != null && !env.apply(name).isBlank())
			.findFirst()
			.map((name) -> new ConfigValue(env.apply(name), new Origin(Origin.PROCESS_ENVIRONMENT, 0, name)))
			.or(() -> files.rr().get("rpc.listen").filter((value) -> !value.isBlank()))
			.orElse(new ConfigValue(DEFAULT_LISTEN, new Origin(RrYaml.FILE, 0, "rpc.listen")));
		String token = files.setting("rpc", "TOKEN", env, "RPC_TOKEN")
			.map((value) -> value.value().strip())
			.filter((value) -> !value.isEmpty())
			.orElse(null);
		return parse(listen, token);
	}

	/**
	 * The address in {@code listen}, with {@code token}; also reads
	 * {@link RpcAddressFile}'s.
	 */
	static RpcSettings parse(ConfigValue listen, String token) {
		String text = listen.value().strip();
		if (!text.toLowerCase(Locale.ROOT).startsWith("tcp://")) {
			throw listen
				.invalid(text.startsWith("unix://") ? "Unix sockets are not supported; " + lower(FORMAT) : FORMAT);
		}
		String address = text.substring("tcp://".length());
		int colon = address.lastIndexOf(':');
		if (colon <= 0 || colon == address.length() - 1) {
			throw listen.invalid(FORMAT);
		}
		String host = address.substring(0, colon);
		if (host.startsWith("[") && host.endsWith("]")) {
			host = host.substring(1, host.length() - 1);
		}
		else if (host.indexOf(':') >= 0) {
			throw listen.invalid("Write an IPv6 host in brackets: tcp://[::1]:6001.");
		}
		return new RpcSettings(host, port(address.substring(colon + 1), listen), token, listen);
	}

	private static int port(String text, ConfigValue listen) {
		try {
			int port = Integer.parseInt(text);
			if (port >= 0 && port <= 65535) {
				return port;
			}
		}
		catch (NumberFormatException ex) {
			// Reported below with the same sentence as an out-of-range number.
		}
		throw listen.invalid("Port must be a whole number between 0 and 65535.");
	}

	private static String lower(String sentence) {
		return Character.toLowerCase(sentence.charAt(0)) + sentence.substring(1);
	}

	/**
	 * The boot-time rule: an address other machines can reach needs a configured token,
	 * because the token file's stays on this machine and the RPC can stop the server and
	 * switch maintenance on.
	 * @throws ConfigException naming {@code rpc.listen} when it is not a loopback address
	 * and no token is set
	 */
	public RpcSettings requireSafe() {
		if (token == null && !loopback()) {
			throw listen.invalid("A non-loopback admin RPC address needs a token: set [rpc] TOKEN in "
					+ "environment/settings.ini or RPC_TOKEN, or listen on tcp://127.0.0.1.");
		}
		return this;
	}

	/** Whether only this machine can reach the address. */
	public boolean loopback() {
		if (host.equalsIgnoreCase("localhost")) {
			return true;
		}
		try {
			for (InetAddress address : InetAddress.getAllByName(host)) {
				if (!address.isLoopbackAddress()) {
					return false;
				}
			}
			return true;
		}
		catch (UnknownHostException ex) {
			return false;
		}
	}

	/**
	 * Where a client on this machine connects: the wildcard addresses mean "this
	 * machine".
	 */
	public String clientHost() {
		if (host.equals("0.0.0.0") || host.isEmpty()) {
			return "127.0.0.1";
		}
		return host.equals("::") ? "::1" : host;
	}

	/**
	 * {@code tcp://host:port} with the given port (the bound one when {@code port} was
	 * 0).
	 */
	public String address(int boundPort) {
		return "tcp://" + ((host.indexOf(':') >= 0) ? "[" + host + "]" : host) + ":" + boundPort;
	}

	/** Never prints the token. */
	@Override
	public String toString() {
		return "RpcSettings[" + address(port) + ", token=" + (token != null) + "]";
	}

}
