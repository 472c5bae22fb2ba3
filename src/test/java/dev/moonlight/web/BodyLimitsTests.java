package dev.moonlight.web;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.moonlight.testapp.TestApplication;
import dev.moonlight.testing.NettyLeaks;
import dev.moonlight.testing.RawHttp;
import dev.moonlight.testing.RunningApp;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Limits on what an anonymous caller sends in a body (SPEC §7): multipart parts and
 * urlencoded fields ({@code http.max_form_fields}, default 1000), JSON depth and size in
 * values. Each is a 413 envelope naming the limit, nothing leaks, and the server answers
 * the next call.
 */
class BodyLimitsTests {

	private static final String OVER_PARTS = "{\"returnCode\":413,\"returnMessage\":"
			+ "\"The multipart body has more than 1000 parts (http.max_form_fields).\",\"returnData\":null,\"extraData\":null}";

	private static RunningApp app;

	@BeforeAll
	static void start() {
		app = RunningApp.of(TestApplication.class).settings("""
				[app_switches]
				v1 = dev.moonlight.testapp.LegacySwitch
				""").start();
	}

	@AfterAll
	static void stop() {
		app.close();
	}

	@Test
	void aMultipartBodyOfTwoThousandPartsIs413AndTheServerAnswersThePing() {
		RawHttp.Response response = post("multipart/form-data; boundary=b", multipart(2000, "x"));
		assertThat(response.status()).isEqualTo(413);
		assertThat(response.body()).isEqualTo(OVER_PARTS);
		assertPingAnswers();
	}

	@Test
	void aMultipartBodyAtTheLimitIsParsed() {
		RawHttp.Response response = post("multipart/form-data; boundary=b", multipart(998, "x"));
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		assertThat(response.body()).contains("\"f997\":\"x\"");
	}

	@Test
	void aHundredTwoMegabyteManyPartBodiesLeakNothingAndCallsStillWork() {
		long leaks = NettyLeaks.reported();
		String body = multipart(1500, "v".repeat(1400));
		assertThat(body.length()).isGreaterThan(2_000_000);
		for (int i = 0; i < 100; i++) {
			assertThat(post("multipart/form-data; boundary=b", body).status()).isEqualTo(413);
		}
		assertThat(NettyLeaks.reported()).as("no buffer of those bodies leaked").isEqualTo(leaks);
		assertThat(post("multipart/form-data; boundary=b", multipart(10, "x")).status()).isEqualTo(200);
		assertPingAnswers();
	}

	@Test
	void aFormOfMoreThanAThousandFieldsIs413() {
		StringBuilder form = new StringBuilder("service=notes&action=echo");
		for (int i = 0; i < 999; i++) {
			form.append("&f").append(i).append("=x");
		}
		RawHttp.Response response = post("application/x-www-form-urlencoded", form.toString());
		assertThat(response.status()).isEqualTo(413);
		assertThat(response.body()).contains("\"The form has more than 1000 fields (http.max_form_fields).\"");
		assertThat(post("application/x-www-form-urlencoded", "service=notes&action=echo&f=x&&").status())
			.as("empty pairs are no fields")
			.isEqualTo(200);
	}

	@Test
	void deeplyNestedJsonIs413NamingTheLimit() {
		String nested = "{\"service\":\"notes\",\"action\":\"echo\",\"a\":" + "[".repeat(100_000) + "]".repeat(100_000)
				+ "}";
		RawHttp.Response response = post("application/json", nested);
		assertThat(response.status()).isEqualTo(413);
		assertThat(response.body())
			.contains("\"The request body is over a JSON limit: arrays and objects nest deeper than 100 levels.\"");
		assertPingAnswers();
	}

	@Test
	void aJsonBodyOfAMillionKeysIs413NamingTheLimit() {
		StringBuilder json = new StringBuilder("{\"service\":\"notes\",\"action\":\"echo\"");
		for (int i = 0; i < 1_000_000; i++) {
			json.append(",\"").append(Integer.toString(i, 36)).append("\":0");
		}
		String body = json.append('}').toString();
		RawHttp.Response response = post("application/json", body);
		assertThat(response.status()).isEqualTo(413);
		assertThat(response.body())
			.contains("\"The request body is over a JSON limit: more than 1000000 values and names.\"");
		assertPingAnswers();
	}

	private static void assertPingAnswers() {
		assertThat(RawHttp.get(app.port(), "/api/v1/ping").status()).isEqualTo(200);
	}

	/**
	 * {@code service}, {@code action} and {@code fields} more fields, so
	 * {@code fields + 2} parts.
	 */
	static String multipart(int fields, String value) {
		StringBuilder body = new StringBuilder();
		body.append("--b\r\nContent-Disposition: form-data; name=\"service\"\r\n\r\nnotes\r\n");
		body.append("--b\r\nContent-Disposition: form-data; name=\"action\"\r\n\r\necho\r\n");
		for (int i = 0; i < fields; i++) {
			body.append("--b\r\nContent-Disposition: form-data; name=\"f")
				.append(i)
				.append("\"\r\n\r\n")
				.append(value)
				.append("\r\n");
		}
		return body.append("--b--\r\n").toString();
	}

	private static RawHttp.Response post(String type, String body) {
		int length = body.getBytes(StandardCharsets.ISO_8859_1).length;
		return RawHttp.send(app.port(),
				"POST /api/v1/ HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Type: " + type
						+ "\r\nContent-Length: " + length + "\r\n\r\n" + body);
	}

}
