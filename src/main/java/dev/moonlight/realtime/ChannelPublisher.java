package dev.moonlight.realtime;

import java.io.ByteArrayOutputStream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.moonlight.database.AfterCommit;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.ObjectWriter;

/**
 * The {@link Channels} bean: serialises {@code {"channel","event","data"}} once, with the
 * envelope API's mapper, and hands the bytes to the broker. Failures are logged, never
 * thrown: the action that published has already stored its change, and its answer must
 * not turn into an error because a subscriber could not be told. Inside a transaction the
 * event waits for the commit ({@link AfterCommit}).
 */
final class ChannelPublisher implements Channels {

	private static final Logger logger = LoggerFactory.getLogger(ChannelPublisher.class);

	private final ChannelNames names;

	private final ObjectWriter writer;

	private final Broker broker;

	ChannelPublisher(ChannelNames names, ObjectWriter writer, Broker broker) {
		this.names = names;
		this.writer = writer;
		this.broker = broker;
	}

	@Override
	public void publish(String channel, String event, Object data) {
		if (!ChannelNames.valid(channel)) {
			throw new IllegalArgumentException(ChannelNames.INVALID + " Got: " + channel);
		}
		String qualified = names.qualify(channel);
		byte[] frame;
		try {
			frame = frame(qualified, event, data);
		}
		catch (RuntimeException ex) {
			logger.error("realtime.publish: cannot serialise {} on {}; not sent", event, qualified, ex);
			return;
		}
		// Inside a transaction the event leaves at its commit, and not at all on a
		// rollback: a subscriber must never hear of a change it cannot read.
		AfterCommit.run("realtime.publish of " + event + " on " + qualified, () -> send(qualified, event, frame));
	}

	private void send(String qualified, String event, byte[] frame) {
		try {
			broker.publish(qualified, frame);
		}
		catch (RuntimeException ex) {
			logger.warn("realtime.publish: {} on {} not sent: {}", event, qualified, ex.toString());
		}
	}

	private byte[] frame(String channel, String event, Object data) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(256);
		try (JsonGenerator json = writer.createGenerator(out)) {
			json.writeStartObject();
			json.writeStringProperty("channel", channel);
			json.writeStringProperty("event", event);
			json.writePOJOProperty("data", data);
			json.writeEndObject();
		}
		return out.toByteArray();
	}

}
