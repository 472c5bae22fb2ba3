package dev.moonlight.web;

import java.io.OutputStream;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.core.io.buffer.DataBufferUtils;

import dev.moonlight.dispatch.Envelope;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.ObjectWriter;

/**
 * Writes an envelope straight into a response buffer, the four keys always in the same order. The key names are
 * written as they are: the mapper's snake_case naming applies to the data, never to the envelope.
 */
final class EnvelopeWriter {

	private static final int INITIAL_CAPACITY = 256;

	private final ObjectWriter writer;

	EnvelopeWriter(ObjectWriter writer) {
		this.writer = writer;
	}

	DataBuffer write(Envelope envelope, DataBufferFactory buffers) {
		DataBuffer buffer = buffers.allocateBuffer(INITIAL_CAPACITY);
		try (OutputStream out = buffer.asOutputStream(); JsonGenerator json = writer.createGenerator(out)) {
			json.writeStartObject();
			json.writeName("returnCode");
			json.writeNumber(envelope.returnCode());
			json.writeName("returnMessage");
			json.writeString(envelope.returnMessage());
			json.writePOJOProperty("returnData", envelope.returnData());
			json.writePOJOProperty("extraData", envelope.extraData());
			json.writeEndObject();
		}
		catch (Exception | Error ex) {
			DataBufferUtils.release(buffer);
			throw (ex instanceof RuntimeException runtime) ? runtime : new IllegalStateException(ex);
		}
		return buffer;
	}

	byte[] bytes(Envelope envelope, DataBufferFactory buffers) {
		DataBuffer buffer = write(envelope, buffers);
		try {
			byte[] bytes = new byte[buffer.readableByteCount()];
			buffer.read(bytes);
			return bytes;
		}
		finally {
			DataBufferUtils.release(buffer);
		}
	}

}
