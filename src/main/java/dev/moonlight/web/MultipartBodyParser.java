package dev.moonlight.web;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.core.ResolvableType;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ReactiveHttpInputMessage;
import org.springframework.http.codec.multipart.DefaultPartHttpMessageReader;
import org.springframework.http.codec.multipart.FilePart;
import org.springframework.http.codec.multipart.FormFieldPart;
import org.springframework.http.codec.multipart.Part;

import dev.moonlight.dispatch.BadRequestException;
import dev.moonlight.dispatch.MoonlightException;
import dev.moonlight.dispatch.UnprocessableException;
import dev.moonlight.dispatch.UploadedFile;
import dev.moonlight.dispatch.UploadedFiles;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Splits an already size-checked multipart body with Spring's part reader: plain fields
 * become parameters, file parts become {@link UploadedFiles}, never parameters.
 * <p>
 * The body is copied to the heap and its pooled buffer released before anything can fail,
 * so no path leaks it. Parts are counted before parsing ({@code http.max_form_fields}),
 * and the reader gets the body in small slices: Spring's parser calls itself once per
 * part boundary it finds in one buffer, so a body handed over whole overflowed the event
 * loop's stack at about a thousand parts. A slice holds too few boundaries to go deep.
 * <p>
 * {@code http.uploads} ({@link UploadsSection}) decides which files are taken (a refused
 * one is a 422 naming its field) and where large ones spill while the body is parsed.
 */
final class MultipartBodyParser {

	/** At most about a hundred minimal parts ({@code --b\r\n\r\n\r\n}) fit in a slice. */
	static final int SLICE_BYTES = 1024;

	/** RFC 2046's longest boundary. */
	private static final int MAX_BOUNDARY_LENGTH = 70;

	private final JsonMapper mapper;

	private final int maxParts;

	private final DefaultPartHttpMessageReader reader = new DefaultPartHttpMessageReader();

	private final UploadsSection uploads;

	MultipartBodyParser(JsonMapper mapper, int maxBytes, int maxParts, UploadsSection uploads) {
		this.mapper = mapper;
		this.maxParts = maxParts;
		this.uploads = uploads;
		this.reader.setMaxHeadersSize(16 * 1024);
		this.reader.setMaxParts(maxParts);
		if (uploads.dir().isPresent()) {
			// A file part over the threshold is written there; a plain field over it is
			// refused as malformed, as Spring's reader does.
			this.reader.setMaxInMemorySize(Math.min(maxBytes, UploadsSection.SPILL_BYTES));
			try {
				this.reader.setFileStorageDirectory(uploads.dir().get());
			}
			catch (java.io.IOException ex) {
				throw new java.io.UncheckedIOException(ex);
			}
		}
		else {
			this.reader.setMaxInMemorySize(maxBytes);
		}
	}

	Mono<RequestBody> parse(HttpHeaders headers, DataBuffer body) {
		byte[] bytes = new byte[body.readableByteCount()];
		try {
			body.read(bytes);
		}
		finally {
			DataBufferUtils.release(body);
		}
		MediaType type = headers.getContentType();
		String boundary = (type != null) ? unquoted(type.getParameter("boundary")) : null;
		if (boundary == null || boundary.isEmpty()) {
			return Mono.error(new BadRequestException("A multipart/form-data body needs a boundary parameter."));
		}
		if (boundary.length() > MAX_BOUNDARY_LENGTH) {
			return Mono.error(new BadRequestException(
					"A multipart boundary is at most " + MAX_BOUNDARY_LENGTH + " characters long."));
		}
		if (BoundaryCounter.parts(bytes, boundary) > this.maxParts) {
			return Mono.error(new MoonlightException(413,
					"The multipart body has more than " + this.maxParts + " parts (http.max_form_fields)."));
		}
		ObjectNode params = this.mapper.createObjectNode();
		List<UploadedFile> files = new ArrayList<>();
		return this.reader.read(ResolvableType.forClass(Part.class), message(headers, bytes), Map.of())
			.concatMap((part) -> collect(part, params, files))
			.then(Mono.fromSupplier(() -> new RequestBody(params, new UploadedFiles(files))))
			.onErrorMap((ex) -> !(ex instanceof MoonlightException),
					(ex) -> new BadRequestException("Malformed multipart body: " + ex.getMessage()));
	}

	private static String unquoted(String value) {
		if (value != null && value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
			return value.substring(1, value.length() - 1);
		}
		return value;
	}

	private static ReactiveHttpInputMessage message(HttpHeaders headers, byte[] bytes) {
		int slices = (bytes.length + SLICE_BYTES - 1) / SLICE_BYTES;
		Flux<DataBuffer> body = Flux.range(0, slices).map((slice) -> {
			int from = slice * SLICE_BYTES;
			return DefaultDataBufferFactory.sharedInstance
				.wrap(ByteBuffer.wrap(bytes, from, Math.min(SLICE_BYTES, bytes.length - from)).slice());
		});
		return new ReactiveHttpInputMessage() {
			@Override
			public HttpHeaders getHeaders() {
				return headers;
			}

			@Override
			public Flux<DataBuffer> getBody() {
				return body;
			}
		};
	}

	private Mono<Void> collect(Part part, ObjectNode params, List<UploadedFile> files) {
		if (part instanceof FormFieldPart field) {
			FormFields.put(params, field.name(), field.value());
			return Mono.empty();
		}
		String filename = (part instanceof FilePart file) ? file.filename() : null;
		Optional<String> refusal = this.uploads.refusal(filename);
		if (refusal.isPresent()) {
			return part.delete().then(Mono.error(UnprocessableException.of(part.name(), refusal.get())));
		}
		return DataBufferUtils.join(part.content()).doOnNext((content) -> {
			try {
				byte[] bytes = new byte[content.readableByteCount()];
				content.read(bytes);
				MediaType type = part.headers().getContentType();
				files.add(new UploadedFile(part.name(), filename, (type != null) ? type.toString() : null, bytes));
			}
			finally {
				DataBufferUtils.release(content);
			}
		}).then(part.delete());
	}

}
