package dev.moonlight.realtime;

/**
 * Publishes server events to the subscribers of a channel, on this instance and, with
 * {@code [realtime]
 * BROKER=redis}, on every other. Subscribers receive
 * {@code {"channel":"moonlight:tasks","event":"task.created", "data":{...}}}. Always
 * available as a bean; it does nothing while realtime is off.
 * <p>
 * Publish after the change is stored: a subscriber that reacts to the event must find it.
 * Delivery is best effort (a subscriber that is gone misses the event), and a delivery
 * failure is logged, never thrown, so it cannot undo the action that published.
 */
@FunctionalInterface
public interface Channels {

	/**
	 * @param channel the channel name, without or with {@code CHANNEL_PREFIX}
	 * ({@code tasks} or {@code moonlight:tasks})
	 * @param event what happened, such as {@code task.created}
	 * @param data the event's payload, serialised like action results (snake_case record
	 * properties)
	 * @throws IllegalArgumentException when the channel name has characters other than
	 * letters, digits and {@code _ . : -}
	 */
	void publish(String channel, String event, Object data);

}
