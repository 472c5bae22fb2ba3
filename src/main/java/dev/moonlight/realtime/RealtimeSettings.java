package dev.moonlight.realtime;

import java.time.Duration;

/**
 * {@code [realtime]} in settings.ini, with the defaults filled in. Every key may also
 * come from the environment or {@code .env} as {@code REALTIME_<KEY>} (settings.ini
 * wins); the Redis address is {@code [realtime] REDIS_URL}, then {@code REDIS_URL}.
 *
 * @param enabled {@code ENABLED}: serve {@code GET /api/{v}/ws}; default {@code false}
 * @param channelPrefix {@code CHANNEL_PREFIX}: put before every channel name with a
 * colon; default {@code moonlight}
 * @param broker {@code BROKER}: {@code memory} (this instance only, the default) or
 * {@code redis} (every instance)
 * @param redisUrl {@code REDIS_URL}: the Redis server of the {@code redis} broker;
 * default {@value #DEFAULT_REDIS_URL}
 * @param maxFrameSize {@code MAX_FRAME_SIZE}: the largest incoming message in bytes,
 * above which the socket is closed with 1009; default {@value #DEFAULT_MAX_FRAME_SIZE}
 * @param sendBuffer {@code SEND_BUFFER}: messages that may wait for a slow client, above
 * which the socket is closed with 1008; default {@value #DEFAULT_SEND_BUFFER}
 * @param maxInFlight {@code MAX_IN_FLIGHT}: calls of one socket running at once; further
 * frames wait unread; default {@value #DEFAULT_MAX_IN_FLIGHT}
 * @param pingInterval {@code PING_INTERVAL}: a socket silent this long is pinged, and
 * closed when it stays silent for another interval; default 30s, 0 turns pings off
 * @param channels {@code [realtime_channels]}: who may subscribe to which channels
 */
public record RealtimeSettings(boolean enabled, String channelPrefix, BrokerKind broker, String redisUrl,
		int maxFrameSize, int sendBuffer, int maxInFlight, Duration pingInterval, ChannelRules channels) {

	/** The settings.ini section. */
	public static final String SECTION = "realtime";

	/**
	 * The settings.ini section of the subscription rules, one
	 * {@code channel-prefix = requirement} line each.
	 */
	public static final String CHANNELS_SECTION = "realtime_channels";

	public static final String DEFAULT_PREFIX = "moonlight";

	public static final String DEFAULT_REDIS_URL = "redis://127.0.0.1:6379";

	public static final int DEFAULT_MAX_FRAME_SIZE = 65536;

	public static final int DEFAULT_SEND_BUFFER = 256;

	public static final int DEFAULT_MAX_IN_FLIGHT = 16;

	public static final Duration DEFAULT_PING_INTERVAL = Duration.ofSeconds(30);

	/** Where channel events travel. */
	public enum BrokerKind {

		/** Within this instance only. */
		MEMORY,

		/** Through Redis pub/sub, so every instance's subscribers get every event. */
		REDIS

	}

}
