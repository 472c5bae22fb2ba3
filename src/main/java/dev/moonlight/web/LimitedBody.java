package dev.moonlight.web;

import java.util.ArrayList;
import java.util.List;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Collects a request body of at most {@code maxBytes}. Past the limit it keeps reading
 * and discarding, up to {@link #SWALLOW_BYTES} more, so a client still sending its body
 * can read the 413 instead of a reset connection (Tomcat's maxSwallowSize does the same);
 * beyond that it stops reading and the connection is dropped.
 */
final class LimitedBody {

	static final long SWALLOW_BYTES = 2L * 1024 * 1024;

	private final long maxBytes;

	private final List<DataBuffer> parts = new ArrayList<>(2);

	private long size;

	private LimitedBody(long maxBytes) {
		this.maxBytes = maxBytes;
	}

	/**
	 * The whole body as one buffer (empty body: an empty buffer), or an empty Mono when
	 * it is too large.
	 * @param contentLength the announced length, or -1
	 */
	static Mono<DataBuffer> read(Flux<DataBuffer> buffers, long contentLength, long maxBytes) {
		LimitedBody body = new LimitedBody(maxBytes);
		if (contentLength > maxBytes + SWALLOW_BYTES) {
			return Mono.empty();
		}
		return buffers.takeWhile(body::add)
			.doOnCancel(body::release)
			.doOnError((ex) -> body.release())
			.then(Mono.fromSupplier(body::joined));
	}

	private boolean add(DataBuffer buffer) {
		size += buffer.readableByteCount();
		if (size > maxBytes) {
			DataBufferUtils.release(buffer);
			release();
			return size <= maxBytes + SWALLOW_BYTES;
		}
		parts.add(buffer);
		return true;
	}

	private DataBuffer joined() {
		if (size > maxBytes) {
			return null;
		}
		if (parts.size() == 1) {
			return parts.get(0);
		}
		if (parts.isEmpty()) {
			return DefaultDataBufferFactory.sharedInstance.allocateBuffer(0);
		}
		DataBuffer joined = parts.get(0).factory().join(parts);
		parts.clear();
		return joined;
	}

	private void release() {
		parts.forEach(DataBufferUtils::release);
		parts.clear();
	}

}
