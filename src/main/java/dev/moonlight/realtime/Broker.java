package dev.moonlight.realtime;

/**
 * Carries channel events to the subscribers: within this instance ({@link MemoryBroker})
 * or through Redis to every instance ({@link RedisBroker}). The frame is serialised once
 * by the publisher and travels as bytes.
 */
interface Broker extends AutoCloseable {

	/** A broker that drops every event, for an application with realtime off. */
	Broker NONE = (channel, frame) -> {
	};

	/**
	 * Hands the event to every subscriber of {@code channel}; never blocks, and reports
	 * failures in the log.
	 * @param channel the channel name with {@code CHANNEL_PREFIX}
	 * @param frame the serialised event frame
	 */
	void publish(String channel, byte[] frame);

	/**
	 * Whether events can travel now: always for one in process; for Redis, while both its
	 * connections are up ({@code /ready} fails meanwhile, and it reconnects by itself).
	 */
	default boolean connected() {
		return true;
	}

	@Override
	default void close() {
	}

}
