package dev.moonlight.realtime;

/**
 * Events for this instance's subscribers only ({@code BROKER=memory}): publishing is
 * delivering.
 */
final class MemoryBroker implements Broker {

	private final ChannelHub hub;

	MemoryBroker(ChannelHub hub) {
		this.hub = hub;
	}

	@Override
	public void publish(String channel, byte[] frame) {
		hub.deliver(channel, frame);
	}

}
