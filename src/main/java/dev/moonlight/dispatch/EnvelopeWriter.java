package dev.moonlight.dispatch;

import java.io.ByteArrayOutputStream;

import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectWriter;

/**
 * Serialises an envelope, the four keys always in the same order. The key names are
 * written as they are: the mapper's snake_case naming applies to the data, never to the
 * envelope. Public for framework routes outside {@code /api} dispatch (API docs) that
 * answer with envelopes too.
 */
public final class EnvelopeWriter {

	/** The answer to a ping, serialised once at boot. */
	public static final Envelope PONG = new Envelope(0, "pong", null, null);

	private static final int INITIAL_CAPACITY = 256;

	private final ObjectWriter writer;

	/**
	 * @param writer a writer of Moonlight's wire mapper ({@code MoonlightJson}), so data
	 * keys are snake_case
	 */
	public EnvelopeWriter(ObjectWriter writer) {
		this.writer = writer;
	}

	public byte[] write(Envelope envelope) {
		return write(null, false, envelope);
	}

	/**
	 * The envelope with the request's {@code id} as its first key, for transports that
	 * match answers to requests ({@code {"id":7,"returnCode":0,...}}); a missing id is
	 * written as {@code null}.
	 * @param id the id the request carried, or {@code null}
	 * @param envelope the answer
	 * @return the serialised envelope
	 */
	public byte[] write(JsonNode id, Envelope envelope) {
		return write(id, true, envelope);
	}

	/**
	 * One item of a streamed answer, as it would appear in {@code returnData}'s array.
	 */
	public byte[] item(Object value) {
		return writer.writeValueAsBytes(value);
	}

	/**
	 * One item of a streamed answer as a frame of its own, for transports that match
	 * answers to requests: {@code {"id":7,"item":{...}}}.
	 */
	public byte[] item(JsonNode id, Object value) {
		return item(id, true, value);
	}

	/**
	 * One item of a streamed answer as a line of its own, for transports whose answers
	 * keep the order of the requests: {@code {"item":{...}}}.
	 */
	public byte[] itemLine(Object value) {
		return item(null, false, value);
	}

	private byte[] item(JsonNode id, boolean withId, Object value) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(INITIAL_CAPACITY);
		try (JsonGenerator json = writer.createGenerator(out)) {
			json.writeStartObject();
			if (withId) {
				json.writePOJOProperty("id", id);
			}
			json.writePOJOProperty("item", value);
			json.writeEndObject();
		}
		return out.toByteArray();
	}

	/**
	 * The head of a streamed envelope, up to the opening of its {@code returnData} array:
	 * {@code {"returnCode":0,"returnMessage":"...","returnData":[}.
	 */
	public byte[] streamHead(Envelope envelope) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(INITIAL_CAPACITY);
		try (JsonGenerator json = writer.createGenerator(out)) {
			json.writeStartObject();
			codeAndMessage(json, envelope);
			json.writeName("returnData");
			json.writeStartArray();
			json.flush();
			return out.toByteArray();
		}
	}

	/**
	 * The tail of a streamed envelope after its last item: {@code ],"extraData":...}}.
	 */
	public byte[] streamTail(Envelope envelope) {
		byte[] extra = writer.writeValueAsBytes(envelope.extraData());
		byte[] head = "],\"extraData\":".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
		byte[] tail = new byte[head.length + extra.length + 1];
		System.arraycopy(head, 0, tail, 0, head.length);
		System.arraycopy(extra, 0, tail, head.length, extra.length);
		tail[tail.length - 1] = '}';
		return tail;
	}

	/**
	 * The last line of an NDJSON stream that ended well:
	 * {@code {"returnCode":0,"returnMessage":"...","count":N}}.
	 */
	public byte[] streamOutcome(Envelope envelope, long count) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(INITIAL_CAPACITY);
		try (JsonGenerator json = writer.createGenerator(out)) {
			json.writeStartObject();
			codeAndMessage(json, envelope);
			json.writeName("count");
			json.writeNumber(count);
			json.writeEndObject();
		}
		return out.toByteArray();
	}

	private byte[] write(JsonNode id, boolean withId, Envelope envelope) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(INITIAL_CAPACITY);
		try (JsonGenerator json = writer.createGenerator(out)) {
			json.writeStartObject();
			if (withId) {
				json.writePOJOProperty("id", id);
			}
			codeAndMessage(json, envelope);
			json.writePOJOProperty("returnData", envelope.returnData());
			json.writePOJOProperty("extraData", envelope.extraData());
			json.writeEndObject();
		}
		return out.toByteArray();
	}

	/** The two keys every envelope and every stream's outcome begins with. */
	private static void codeAndMessage(JsonGenerator json, Envelope envelope) {
		json.writeName("returnCode");
		json.writeNumber(envelope.returnCode());
		json.writeName("returnMessage");
		json.writeString(envelope.returnMessage());
	}

}
