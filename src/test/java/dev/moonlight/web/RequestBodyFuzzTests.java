package dev.moonlight.web;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

import dev.moonlight.dispatch.MoonlightException;
import dev.moonlight.dispatch.MoonlightJson;
import dev.moonlight.testing.FuzzExamples;
import dev.moonlight.testing.HostileText;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.node.ObjectNode;

import static org.quicktheories.generators.SourceDSL.lists;

/**
 * The envelope body reader takes any client's bytes: whatever the Content-Type and the
 * body (JSON, a form, a multipart body, or none of them), it gives parameters or a
 * {@link MoonlightException} (400, 413, 415), nothing else.
 */
class RequestBodyFuzzTests {

	private static final String BOUNDARY = "xYzZY";

	private static final List<String> VALID_JSON = List.of(
			"{\"service\":\"task\",\"action\":\"list\",\"sort\":\"-id\"}",
			"{\"a\":[1,2.5e10,-0,{\"b\":null}],\"c\":\"\\u00e9\\ud83d\\ude00\",\"d\":true}", "{}", "[]", "\"x\"",
			"{\"n\":123456789012345678901234567890,\"f\":1e400}");

	private static final List<String> VALID_FORMS = List.of("service=task&action=list&tags[]=a&tags[]=b",
			"email=a%40b.c&password=p%26w+x&x", "{\"service\":\"json-in-a-form\"}", "a=%E2%82%AC&a=2&=&&b[]=");

	private static final List<String> VALID_MULTIPART = List.of("--" + BOUNDARY
			+ "\r\nContent-Disposition: form-data; name=\"service\"\r\n\r\ntask\r\n--" + BOUNDARY
			+ "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\nContent-Type: text/plain\r\n\r\n"
			+ "hello\r\n--" + BOUNDARY + "--\r\n");

	private final RequestBodyReader reader = new RequestBodyReader(MoonlightJson.create().mapper(), 64 * 1024, 1000);

	@Test
	void anyBodyGivesParametersOrAMoonlightException() {
		FuzzExamples.qt(FuzzExamples.IN_MEMORY)
			.forAll(contentTypes(), bodies())
			.checkAssert((type, body) -> HostileText.onlyThrows(MoonlightException.class,
					type + " " + new String(body, StandardCharsets.ISO_8859_1),
					() -> read(request(type, body)).block(Duration.ofSeconds(10))));
	}

	private Mono<RequestBody> read(MockServerHttpRequest request) {
		return this.reader.read(request.getHeaders(), request.getBody(), () -> false);
	}

	@Test
	void anyBodyTheDirectRouteReadsGivesParametersOrAMoonlightException() {
		FuzzExamples.qt(FuzzExamples.IN_MEMORY)
			.forAll(bodies())
			.checkAssert((body) -> HostileText.onlyThrows(MoonlightException.class, body,
					() -> this.reader.json(new ByteArrayInputStream(body))));
	}

	private static Gen<String> contentTypes() {
		return Generate.oneOf(
				Generate.pick(List.of("", "application/json", "application/json; charset=utf-16", "text/json",
						"application/x-www-form-urlencoded", "application/x-www-form-urlencoded; charset=latin1",
						"multipart/form-data; boundary=" + BOUNDARY, "multipart/form-data",
						"multipart/mixed; boundary=x", "text/plain", "*/*", "application/*")),
				HostileText.mutationsOf(List.of("multipart/form-data; boundary=\"" + BOUNDARY + "\"",
						"application/x-www-form-urlencoded", "application/vnd.api+json; q=0.5")));
	}

	private static Gen<byte[]> bodies() {
		Gen<String> text = Generate.oneOf(HostileText.anyText(), HostileText.mutationsOf(VALID_JSON),
				HostileText.mutationsOf(VALID_FORMS), HostileText.mutationsOf(VALID_MULTIPART));
		return Generate.oneOf(HostileText.utf8Of(text), HostileText.bytesOf(text));
	}

	private static MockServerHttpRequest request(String type, byte[] body) {
		MockServerHttpRequest.BodyBuilder builder = MockServerHttpRequest.post("/api/v1/");
		if (!type.isEmpty()) {
			builder.header(HttpHeaders.CONTENT_TYPE, type);
		}
		// Two chunks, as a body arrives over the network: the reader must join them.
		int half = body.length / 2;
		return builder
			.body(Flux.<DataBuffer>just(DefaultDataBufferFactory.sharedInstance.wrap(Arrays.copyOf(body, half)),
					DefaultDataBufferFactory.sharedInstance.wrap(Arrays.copyOfRange(body, half, body.length))));
	}

	@Test
	void formFieldsNeverThrow() {
		FuzzExamples.qt(FuzzExamples.IN_MEMORY).forAll(fieldNames()).checkAssert((names) -> {
			ObjectNode params = MoonlightJson.create().mapper().createObjectNode();
			for (String name : names) {
				FormFields.put(params, name, name);
			}
		});
	}

	private static Gen<List<String>> fieldNames() {
		Gen<String> name = Generate.oneOf(Generate.pick(List.of("a", "a[]", "[]", "", "a[][]", "a[b]", "service")),
				HostileText.stringsOf("a[]", 0, 5));
		return lists().of(name).ofSizeBetween(0, 12);
	}

}
