package dev.moonlight.web;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

import dev.moonlight.dispatch.Envelope;
import dev.moonlight.dispatch.EnvelopeWriter;
import dev.moonlight.dispatch.ResultStream;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Turns a streamed answer into HTTP body chunks, in one of two shapes:
 * <ul>
 * <li>the envelope, whose {@code returnData} array is written item by item; a failure
 * half-way aborts the response, so the client holds an unfinished JSON document that no
 * parser accepts, never one that looks whole;</li>
 * <li>NDJSON ({@code Accept: application/x-ndjson}): one item a line, then one line with
 * the outcome, {@code {"returnCode":0,"returnMessage":...,"count":N}} or the error
 * envelope of a failure half-way.</li>
 * </ul>
 * Items are serialised on the thread that produced them (a blocking stream's worker) and
 * gathered into chunks of at least {@code chunk_size} bytes; each chunk is flushed as it
 * is made, and the next items are pulled only as the socket takes them.
 */
final class StreamBody {

	/** The NDJSON media type, which selects the line shape. */
	static final MediaType NDJSON = MediaType.parseMediaType("application/x-ndjson");

	private static final byte[] COMMA = { ',' };

	private static final byte NEWLINE = '\n';

	private final EnvelopeWriter writer;

	private final int chunkSize;

	/**
	 * @param chunkSize {@code http.chunk_size}: the bytes gathered before a chunk is
	 * sent; 0 sends each item as it comes
	 */
	StreamBody(EnvelopeWriter writer, int chunkSize) {
		this.writer = writer;
		this.chunkSize = chunkSize;
	}

	/** Whether the client asked for NDJSON. */
	static boolean wantsLines(HttpHeaders headers) {
		List<MediaType> accepted;
		try {
			accepted = headers.getAccept();
		}
		catch (RuntimeException ex) {
			return false;
		}
		for (MediaType type : accepted) {
			if (NDJSON.equalsTypeAndSubtype(type)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * The chunks of the envelope shape.
	 * @param failed told of a failure half-way, which then aborts the response
	 * @param written counts the bytes handed to the socket
	 */
	Flux<ByteBuf> envelope(Envelope envelope, ResultStream stream, Consumer<Throwable> failed, AtomicLong written) {
		byte[] head = writer.streamHead(envelope);
		Flux<byte[]> items = Flux.defer(() -> {
			boolean[] first = { true };
			return stream.items().map((item) -> {
				byte[] bytes = writer.item(item);
				if (first[0]) {
					first[0] = false;
					return concat(head, bytes);
				}
				return concat(COMMA, bytes);
			});
		});
		Flux<byte[]> whole = items.switchIfEmpty(Mono.fromSupplier(() -> head))
			.concatWith(Mono.fromSupplier(() -> writer.streamTail(envelope)))
			.doOnError(failed);
		return chunks(whole, written);
	}

	/**
	 * The chunks of the NDJSON shape.
	 * @param failure the error envelope of a failure half-way (logged by its maker)
	 */
	Flux<ByteBuf> lines(Envelope envelope, ResultStream stream,
			java.util.function.Function<Throwable, Envelope> failure, AtomicLong written) {
		Flux<byte[]> lines = Flux.defer(() -> {
			AtomicLong count = new AtomicLong();
			return stream.items()
				.map((item) -> line(writer.item(item)))
				.doOnNext((line) -> count.incrementAndGet())
				.concatWith(Mono.fromSupplier(() -> line(writer.streamOutcome(envelope, count.get()))))
				.onErrorResume((ex) -> Mono.fromSupplier(() -> line(writer.write(failure.apply(ex)))));
		});
		return chunks(lines, written);
	}

	/**
	 * Gathers parts into chunks of at least {@code chunk_size} bytes; the last chunk
	 * holds what is left.
	 */
	private Flux<ByteBuf> chunks(Flux<byte[]> parts, AtomicLong written) {
		Flux<byte[]> gathered = (chunkSize <= 0) ? parts : Flux.defer(() -> {
			Gathering gathering = new Gathering(chunkSize);
			return parts.<byte[]>handle((part, sink) -> {
				byte[] full = gathering.add(part);
				if (full != null) {
					sink.next(full);
				}
			}).concatWith(Mono.fromSupplier(gathering::rest));
		});
		return gathered.filter((bytes) -> bytes.length > 0)
			.doOnNext((bytes) -> written.addAndGet(bytes.length))
			.map(Unpooled::wrappedBuffer);
	}

	private static byte[] line(byte[] json) {
		byte[] line = new byte[json.length + 1];
		System.arraycopy(json, 0, line, 0, json.length);
		line[json.length] = NEWLINE;
		return line;
	}

	private static byte[] concat(byte[] a, byte[] b) {
		byte[] both = new byte[a.length + b.length];
		System.arraycopy(a, 0, both, 0, a.length);
		System.arraycopy(b, 0, both, a.length, b.length);
		return both;
	}

	/** The chunk being filled; used by one stream, on one thread at a time. */
	private static final class Gathering {

		private final int size;

		private byte[] buffer;

		private int length;

		Gathering(int size) {
			this.size = size;
		}

		/** Adds a part; returns the chunk once it holds {@code size} bytes or more. */
		byte[] add(byte[] part) {
			if (length == 0 && part.length >= size) {
				return part;
			}
			if (buffer == null) {
				buffer = new byte[Math.max(size, part.length) + 1024];
			}
			if (length + part.length > buffer.length) {
				buffer = java.util.Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + part.length));
			}
			System.arraycopy(part, 0, buffer, length, part.length);
			length += part.length;
			if (length < size) {
				return null;
			}
			byte[] full = java.util.Arrays.copyOf(buffer, length);
			length = 0;
			return full;
		}

		byte[] rest() {
			byte[] rest = (length == 0) ? new byte[0] : java.util.Arrays.copyOf(buffer, length);
			length = 0;
			return rest;
		}

	}

}
