package dev.moonlight.web;

import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.function.BooleanSupplier;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

import dev.moonlight.dispatch.BadRequestException;
import dev.moonlight.dispatch.EnvelopeRequests;
import dev.moonlight.dispatch.MoonlightException;
import dev.moonlight.dispatch.UploadedFiles;
import dev.moonlight.logging.LogFields;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads a dispatch body within {@code http.max_request_size}: JSON (any content type
 * mentioning {@code json}, or none), {@code application/x-www-form-urlencoded} and
 * {@code multipart/form-data}. Anything else is a 415 before a byte is read; too many
 * bytes is a 413 whether or not the client announced a length.
 */
final class RequestBodyReader {

	private final JsonMapper mapper;

	private final int maxBytes;

	private final int maxFields;

	private final MultipartBodyParser multipart;

	RequestBodyReader(JsonMapper mapper, long maxBytes, int maxFields) {
		this(mapper, maxBytes, maxFields, UploadsSection.DEFAULTS);
	}

	RequestBodyReader(JsonMapper mapper, long maxBytes, int maxFields, UploadsSection uploads) {
		this.mapper = mapper;
		this.maxBytes = (int) Math.min(maxBytes, Integer.MAX_VALUE - 8);
		this.maxFields = maxFields;
		this.multipart = new MultipartBodyParser(mapper, this.maxBytes, maxFields, uploads);
	}

	/**
	 * Reads a body of any kind the API takes.
	 * @param refusedByDecoder whether Netty's HTTP decoder has answered the request
	 * itself (a malformed chunk), asked once the body has ended
	 * @throws MoonlightException 415 for a content type the API does not read, before a
	 * byte is read
	 */
	Mono<RequestBody> read(HttpHeaders headers, Flux<DataBuffer> buffers, BooleanSupplier refusedByDecoder) {
		BodyKind kind = BodyKind.of(headers);
		Mono<DataBuffer> joined = LimitedBody.read(buffers, headers.getContentLength(), maxBytes)
			.switchIfEmpty(Mono.error(this::tooLarge))
			.flatMap((buffer) -> DecoderRefusals.refuse(refusedByDecoder.getAsBoolean(), buffer,
					() -> DataBufferUtils.release(buffer)));
		if (kind == BodyKind.MULTIPART) {
			return joined.flatMap((buffer) -> multipart.parse(headers, buffer));
		}
		return joined.map((buffer) -> {
			try {
				return new RequestBody(kind == BodyKind.FORM ? form(buffer) : json(buffer), UploadedFiles.NONE);
			}
			finally {
				DataBufferUtils.release(buffer);
			}
		});
	}

	private ObjectNode json(DataBuffer buffer) {
		if (buffer.readableByteCount() == 0) {
			return mapper.createObjectNode();
		}
		return EnvelopeRequests.parse(mapper, buffer.asInputStream(), "the request body");
	}

	/**
	 * A JSON body the route has already read whole; {@code null} for an empty body.
	 */
	RequestBody json(InputStream body) {
		ObjectNode params = (body != null) ? EnvelopeRequests.parse(mapper, body, "the request body")
				: mapper.createObjectNode();
		return new RequestBody(params, UploadedFiles.NONE);
	}

	/**
	 * Whether a body of this type and length may be read whole as JSON straight away:
	 * JSON within the limit, its length announced.
	 */
	boolean readsDirectly(String contentType, long contentLength) {
		return contentLength >= 0 && contentLength <= maxBytes && (contentType == null || isJson(contentType));
	}

	/**
	 * {@code BodyKind.of}'s JSON rule (a subtype mentioning json) without parsing a
	 * {@code MediaType}, for plainly written types only ({@code type/subtype} and
	 * {@code ;name=value} parameters): anything else goes to {@link #read}, whose parser
	 * decides whether it is a type at all.
	 */
	private static boolean isJson(String contentType) {
		int slash = contentType.indexOf('/');
		int end = contentType.indexOf(';');
		int subtypeEnd = (end < 0) ? contentType.length() : end;
		if (slash <= 0 || slash >= subtypeEnd - 1 || !token(contentType, 0, slash)
				|| !token(contentType, slash + 1, subtypeEnd)) {
			return false;
		}
		for (int from = end; from >= 0; from = contentType.indexOf(';', from + 1)) {
			int next = contentType.indexOf(';', from + 1);
			int equals = contentType.indexOf('=', from);
			if (equals < 0 || (next >= 0 && equals > next)) {
				return false;
			}
		}
		return contentType.substring(slash + 1, subtypeEnd).toLowerCase(Locale.ROOT).contains("json");
	}

	/**
	 * Letters, digits and the punctuation a media type's names allow; no wildcard, no
	 * space.
	 */
	private static boolean token(String text, int from, int to) {
		for (int i = from; i < to; i++) {
			char c = text.charAt(i);
			if (!((c < 128 && Character.isLetterOrDigit(c)) || "!#$&-^_.+".indexOf(c) >= 0)) {
				return false;
			}
		}
		return to > from;
	}

	/**
	 * Decodes a urlencoded form. {@code curl -d '{...}'} sends JSON labelled as a form,
	 * so a form body that starts with '{' is read as the JSON its sender meant.
	 */
	private ObjectNode form(DataBuffer buffer) {
		String text = buffer.toString(StandardCharsets.UTF_8);
		if (text.stripLeading().startsWith("{")) {
			return json(DefaultDataBufferFactory.sharedInstance.wrap(text.getBytes(StandardCharsets.UTF_8)));
		}
		ObjectNode params = mapper.createObjectNode();
		int fields = 0;
		for (int from = 0, end; from <= text.length(); from = end + 1) {
			end = text.indexOf('&', from);
			end = (end < 0) ? text.length() : end;
			if (end == from) {
				continue;
			}
			if (++fields > maxFields) {
				throw new MoonlightException(413,
						"The form has more than " + maxFields + " fields (http.max_form_fields).");
			}
			String pair = text.substring(from, end);
			int eq = pair.indexOf('=');
			String key = decode(eq < 0 ? pair : pair.substring(0, eq));
			if (key == null) {
				throw new BadRequestException("Malformed name of form field " + fields + " in the request body.");
			}
			String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
			if (value == null) {
				// Never the value itself: it may be the password, and this message is
				// logged.
				throw new BadRequestException(
						"Malformed value of form field '" + LogFields.safe(key) + "' in the request body.");
			}
			FormFields.put(params, key, value);
		}
		return params;
	}

	/** The decoded text, or {@code null} when it is not valid percent-encoding. */
	private static String decode(String text) {
		try {
			return URLDecoder.decode(text, StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private MoonlightException tooLarge() {
		String limit = (maxBytes % (1024 * 1024) == 0) ? (maxBytes / (1024 * 1024)) + " MB" : maxBytes + " bytes";
		return new MoonlightException(413, "The request body is larger than " + limit + " (http.max_request_size).");
	}

	/** The body formats the API reads, chosen from the Content-Type header. */
	enum BodyKind {

		JSON, FORM, MULTIPART;

		static BodyKind of(HttpHeaders headers) {
			MediaType type;
			try {
				type = headers.getContentType();
			}
			catch (InvalidMediaTypeException ex) {
				throw new MoonlightException(415, "Unreadable Content-Type '"
						+ headers.getFirst(HttpHeaders.CONTENT_TYPE) + "'; send application/json.");
			}
			if (type == null || type.getSubtype().contains("json")) {
				return JSON;
			}
			if (MediaType.APPLICATION_FORM_URLENCODED.isCompatibleWith(type)) {
				return FORM;
			}
			if (MediaType.MULTIPART_FORM_DATA.isCompatibleWith(type)) {
				return MULTIPART;
			}
			throw new MoonlightException(415, "Unsupported content type " + type.getType() + "/" + type.getSubtype()
					+ "; send application/json, application/x-www-form-urlencoded or multipart/form-data.");
		}

	}

}
