package dev.moonlight.tcp;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import dev.moonlight.config.ConfigException;
import dev.moonlight.config.ConfigNotice;
import dev.moonlight.config.ConfigValue;
import dev.moonlight.config.Origin;
import dev.moonlight.config.PoolSection;
import dev.moonlight.config.RrYaml;

/**
 * Reads {@code tcp} in RoadRunner's two steps: defaults, then checks whose errors name
 * the server, key and line. A server whose {@code addr} is present but empty (an unset
 * {@code ${VAR:-}}) is skipped, so an environment variable can switch it on; a missing
 * {@code addr} is an error.
 */
final class TcpSectionReader {

	static final String SECTION = "tcp";

	private static final Set<String> SERVER_KEYS = Set.of("addr", "delimiter", "read_buf_size", "max_frame_size",
			"idle_timeout", "max_connections");

	private static final Set<String> TCP_KEYS = Set.of("servers", "pool", "read_buf_size");

	private static final int MAX_READ_BUFFER_MB = 64;

	private final RrYaml rr;

	private final Consumer<ConfigNotice> notices;

	TcpSectionReader(RrYaml rr, Consumer<ConfigNotice> notices) {
		this.rr = rr;
		this.notices = notices;
	}

	TcpSection read() {
		if (!rr.has(SECTION)) {
			return new TcpSection(List.of(), PoolSection.read(rr, SECTION + ".pool", notices));
		}
		for (String key : rr.childNames(SECTION)) {
			if (!TCP_KEYS.contains(key)) {
				notices.accept(new ConfigNotice(rr.origin(SECTION + "." + key),
						SECTION + "." + key + " is not a tcp key and is ignored; check the spelling.", true));
			}
		}
		Set<String> names = rr.childNames(SECTION + ".servers");
		if (names.isEmpty()) {
			throw new ConfigException(rr.origin(SECTION), null,
					"The tcp section needs at least one server: tcp.servers.<name>.addr, such as tcp://127.0.0.1:7070.");
		}
		int defaultReadBuffer = megabytes(SECTION + ".read_buf_size", 1);
		List<TcpServerSection> servers = new ArrayList<>();
		for (String name : names) {
			server(name, defaultReadBuffer).ifPresent(servers::add);
		}
		refuseSharedPorts(servers);
		return new TcpSection(servers, PoolSection.read(rr, SECTION + ".pool", notices));
	}

	private Optional<TcpServerSection> server(String name, int defaultReadBuffer) {
		String path = SECTION + ".servers." + name;
		rr.scalarsUnder(path).forEach((key, value) -> {
			if (!SERVER_KEYS.contains(key)) {
				notices.accept(new ConfigNotice(value.origin(),
						path + "." + key + " is not a tcp server key and is ignored; check the spelling.", true));
			}
		});
		ConfigValue addr = rr.get(path + ".addr")
			.orElseThrow(() -> new ConfigException(new Origin(RrYaml.FILE, rr.origin(path).line(), path + ".addr"),
					null, "Every TCP server needs an address, such as tcp://127.0.0.1:7070."));
		if (addr.isBlank()) {
			notices.accept(new ConfigNotice(addr.origin(), path + ".addr is empty; the server is not started.", false));
			return Optional.empty();
		}
		Address address = Address.parse(addr);
		return Optional.of(new TcpServerSection(name, address.host(), address.port(), delimiter(path),
				megabytes(path + ".read_buf_size", defaultReadBuffer) * 1024 * 1024, maxFrameSize(path),
				idleTimeout(path), maxConnections(path), addr.origin()));
	}

	private byte[] delimiter(String path) {
		Optional<ConfigValue> value = rr.get(path + ".delimiter");
		if (value.isEmpty()) {
			return TcpServerSection.DEFAULT_DELIMITER.getBytes(StandardCharsets.UTF_8);
		}
		String text = unescape(value.get().value());
		if (text.isEmpty()) {
			throw value.get().invalid("The delimiter must not be empty; the default is \"\\r\\n\".");
		}
		return text.getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * YAML turns {@code "\r\n"} (double quotes) into the two control characters;
	 * {@code '\r\n'} or a bare {@code \r\n} stay four characters, which is never what a
	 * delimiter means, so those escapes are read here too.
	 */
	static String unescape(String text) {
		return text.replace("\\r", "\r").replace("\\n", "\n").replace("\\t", "\t").replace("\\0", "\0");
	}

	/** A size in megabytes, as RoadRunner writes {@code read_buf_size}. */
	private int megabytes(String path, int defaultValue) {
		return set(path)
			.map((value) -> (int) value.asWholeNumber(1, MAX_READ_BUFFER_MB,
					"The read buffer is a whole number of megabytes between 1 and " + MAX_READ_BUFFER_MB + "."))
			.orElse(defaultValue);
	}

	private int maxFrameSize(String path) {
		return set(path + ".max_frame_size")
			.map((value) -> (int) value.asWholeNumber(1, Integer.MAX_VALUE - 8,
					"The frame limit is a whole number of bytes, 1 or more."))
			.orElse(TcpServerSection.DEFAULT_MAX_FRAME_SIZE);
	}

	private Duration idleTimeout(String path) {
		return set(path + ".idle_timeout").map(ConfigValue::asDuration).orElse(TcpServerSection.DEFAULT_IDLE_TIMEOUT);
	}

	private int maxConnections(String path) {
		return set(path + ".max_connections")
			.map((value) -> (int) value.asWholeNumber(1, 1_000_000,
					"The connection limit is a whole number between 1 and 1000000."))
			.orElse(TcpServerSection.DEFAULT_MAX_CONNECTIONS);
	}

	private Optional<ConfigValue> set(String path) {
		return rr.get(path).filter((value) -> !value.isBlank());
	}

	/**
	 * Two servers on one fixed port would fail at bind time with a less helpful message.
	 */
	private static void refuseSharedPorts(List<TcpServerSection> servers) {
		Map<String, TcpServerSection> taken = new HashMap<>();
		for (TcpServerSection server : servers) {
			if (server.port() == 0) {
				continue;
			}
			TcpServerSection other = taken.putIfAbsent(server.host() + ":" + server.port(), server);
			if (other != null) {
				throw new ConfigException(server.origin(), server.host() + ":" + server.port(), "The server "
						+ other.name() + " already listens on this address; give each server its own port.");
			}
		}
	}

	/** {@code tcp://host:port}, {@code host:port} or {@code tcp://[::1]:port}. */
	record Address(String host, int port) {

		static final String REASON = "Expected tcp://host:port, such as tcp://127.0.0.1:7070.";

		static Address parse(ConfigValue value) {
			String text = value.value().strip();
			if (text.startsWith("tcp://")) {
				text = text.substring("tcp://".length());
			}
			else if (text.contains("://")) {
				throw value.invalid(REASON);
			}
			int colon = text.lastIndexOf(':');
			if (colon <= 0 || colon == text.length() - 1) {
				throw value.invalid(REASON);
			}
			String host = text.substring(0, colon);
			if (host.startsWith("[") && host.endsWith("]")) {
				host = host.substring(1, host.length() - 1);
			}
			long port;
			try {
				port = Long.parseLong(text.substring(colon + 1));
			}
			catch (NumberFormatException ex) {
				throw value.invalid(REASON);
			}
			if (host.isEmpty() || port < 0 || port > 65535) {
				throw value.invalid(REASON);
			}
			return new Address(host, (int) port);
		}

	}

}
