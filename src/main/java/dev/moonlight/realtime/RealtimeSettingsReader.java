package dev.moonlight.realtime;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

import dev.moonlight.config.ConfigValue;
import dev.moonlight.config.ProjectFiles;
import dev.moonlight.realtime.RealtimeSettings.BrokerKind;

/**
 * Reads {@link RealtimeSettings}: defaults first, then each key checked, errors naming
 * the file, line and key.
 */
final class RealtimeSettingsReader {

	/**
	 * Letters, digits and {@code _ . -}: no colon (it separates prefix and name) and no
	 * Redis pattern characters.
	 */
	private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9_.\\-]{1,64}");

	private static final int MAX_FRAME_LIMIT = 64 * 1024 * 1024;

	private final ProjectFiles files;

	private final Function<String, String> env;

	RealtimeSettingsReader(ProjectFiles files, Function<String, String> env) {
		this.files = files;
		this.env = env;
	}

	static RealtimeSettings read(ProjectFiles files, Function<String, String> env) {
		return new RealtimeSettingsReader(files, env).read();
	}

	RealtimeSettings read() {
		boolean enabled = files.ini()
			.bool(RealtimeSettings.SECTION, "ENABLED")
			.or(() -> setting("ENABLED").map(ConfigValue::asBoolean))
			.orElse(false);
		return new RealtimeSettings(enabled, prefix(), broker(), redisUrl(),
				number("MAX_FRAME_SIZE", RealtimeSettings.DEFAULT_MAX_FRAME_SIZE, 1024, MAX_FRAME_LIMIT,
						"The frame limit must be a whole number of bytes between 1024 and 67108864."),
				number("SEND_BUFFER", RealtimeSettings.DEFAULT_SEND_BUFFER, 1, 1_000_000,
						"The send buffer must be a whole number of messages between 1 and 1000000."),
				number("MAX_IN_FLIGHT", RealtimeSettings.DEFAULT_MAX_IN_FLIGHT, 1, 10_000,
						"The calls in flight must be a whole number between 1 and 10000."),
				setting("PING_INTERVAL").map(ConfigValue::asDuration).orElse(RealtimeSettings.DEFAULT_PING_INTERVAL),
				ChannelRules.parse(files.ini().section(RealtimeSettings.CHANNELS_SECTION)));
	}

	private String prefix() {
		Optional<ConfigValue> value = setting("CHANNEL_PREFIX");
		if (value.isEmpty()) {
			return RealtimeSettings.DEFAULT_PREFIX;
		}
		String prefix = value.get().value().strip();
		if (!PREFIX.matcher(prefix).matches()) {
			throw value.get()
				.invalid("Use up to 64 letters, digits, _ . or -; the prefix and the channel name are "
						+ "joined with a colon.");
		}
		return prefix;
	}

	private BrokerKind broker() {
		Optional<ConfigValue> value = setting("BROKER");
		if (value.isEmpty()) {
			return BrokerKind.MEMORY;
		}
		try {
			return BrokerKind.valueOf(value.get().value().strip().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw value.get().invalid("Unknown broker; use memory (this instance) or redis (every instance).");
		}
	}

	private String redisUrl() {
		Optional<ConfigValue> value = files.setting(RealtimeSettings.SECTION, "REDIS_URL", env, "REDIS_URL");
		if (value.isEmpty()) {
			return RealtimeSettings.DEFAULT_REDIS_URL;
		}
		String url = value.get().value().strip();
		if (!url.startsWith("redis://") && !url.startsWith("rediss://") && !url.startsWith("redis-socket://")) {
			throw value.get().invalid("Expected a Redis URL such as redis://127.0.0.1:6379 (rediss:// for TLS).");
		}
		return url;
	}

	private int number(String key, int defaultValue, int min, int max, String reason) {
		return setting(key).map((value) -> (int) value.asWholeNumber(min, max, reason)).orElse(defaultValue);
	}

	private Optional<ConfigValue> setting(String key) {
		return files.setting(RealtimeSettings.SECTION, key, env, "REALTIME_" + key);
	}

}
