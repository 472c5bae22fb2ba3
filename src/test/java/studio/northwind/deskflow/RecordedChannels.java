package studio.northwind.deskflow;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.moonlight.realtime.Channels;

/**
 * A {@link Channels} for data tests without a web layer (see {@link DeskFlowDataTest}):
 * it keeps what is published.
 */
public final class RecordedChannels implements Channels {

	private final List<Published> published = new CopyOnWriteArrayList<>();

	@Override
	public void publish(String channel, String event, Object data) {
		published.add(new Published(channel, event, data));
	}

	public List<Published> published() {
		return published;
	}

	public void clear() {
		published.clear();
	}

	/** One call of {@link #publish}. */
	public record Published(String channel, String event, Object data) {

	}

}
