package dev.moonlight.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.core.ResolvableType;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ReactiveHttpInputMessage;
import org.springframework.http.codec.multipart.DefaultPartHttpMessageReader;
import org.springframework.http.codec.multipart.FilePart;
import org.springframework.http.codec.multipart.FormFieldPart;
import org.springframework.http.codec.multipart.Part;

import dev.moonlight.dispatch.BadRequestException;
import dev.moonlight.dispatch.UploadedFile;
import dev.moonlight.dispatch.UploadedFiles;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Splits an already size-checked multipart body with Spring's part reader: plain fields become parameters, file
 * parts become {@link UploadedFiles}, never parameters.
 */
final class MultipartBodyParser {

	private final JsonMapper mapper;

	private final DefaultPartHttpMessageReader reader = new DefaultPartHttpMessageReader();

	MultipartBodyParser(JsonMapper mapper, int maxBytes) {
		this.mapper = mapper;
		this.reader.setMaxInMemorySize(maxBytes);
		this.reader.setMaxHeadersSize(16 * 1024);
	}

	Mono<RequestBody> parse(HttpHeaders headers, DataBuffer body) {
		MediaType type = headers.getContentType();
		if (type == null || type.getParameter("boundary") == null) {
			// Spring's reader fails without reading the body, so release it here.
			DataBufferUtils.release(body);
			return Mono.error(new BadRequestException("A multipart/form-data body needs a boundary parameter."));
		}
		ReactiveHttpInputMessage message = new ReactiveHttpInputMessage() {
			@Override
			public HttpHeaders getHeaders() {
				return headers;
			}

			@Override
			public Flux<DataBuffer> getBody() {
				return Flux.just(body);
			}
		};
		ObjectNode params = mapper.createObjectNode();
		List<UploadedFile> files = new ArrayList<>();
		return reader.read(ResolvableType.forClass(Part.class), message, Map.of())
			.concatMap((part) -> collect(part, params, files))
			.then(Mono.fromSupplier(() -> new RequestBody(params, new UploadedFiles(files))))
			.onErrorMap((ex) -> !(ex instanceof BadRequestException),
					(ex) -> new BadRequestException("Malformed multipart body: " + ex.getMessage()));
	}

	private Mono<Void> collect(Part part, ObjectNode params, List<UploadedFile> files) {
		if (part instanceof FormFieldPart field) {
			FormFields.put(params, field.name(), field.value());
			return Mono.empty();
		}
		return DataBufferUtils.join(part.content()).doOnNext((content) -> {
			try {
				byte[] bytes = new byte[content.readableByteCount()];
				content.read(bytes);
				MediaType type = part.headers().getContentType();
				String filename = (part instanceof FilePart file) ? file.filename() : null;
				files.add(new UploadedFile(part.name(), filename, (type != null) ? type.toString() : null, bytes));
			}
			finally {
				DataBufferUtils.release(content);
			}
		}).then();
	}

}
