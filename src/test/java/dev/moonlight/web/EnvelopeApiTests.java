package dev.moonlight.web;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

import dev.moonlight.testapp.TestApplication;
import dev.moonlight.testing.RunningApp;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The envelope API over a real socket: routes, statuses, messages and body formats (SPEC
 * §4).
 */
class EnvelopeApiTests {

	private static RunningApp app;

	private static WebTestClient client;

	@BeforeAll
	static void start() {
		app = RunningApp.of(TestApplication.class).settings("""
				[app_switches]
				v1 = dev.moonlight.testapp.LegacySwitch
				v2 = dev.moonlight.testapp.NextSwitch
				""").rrYaml("""
				http:
				  max_request_size: 1
				""").start();
		client = app.client();
	}

	@AfterAll
	static void stop() {
		app.close();
	}

	private WebTestClient.ResponseSpec post(String json) {
		return client.post().uri("/api/v1/").contentType(MediaType.APPLICATION_JSON).bodyValue(json).exchange();
	}

	@Test
	void pingAnswersPongWithTheFourKeysInOrder() {
		String body = client.get()
			.uri("/api/v1/ping")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		assertThat(body).as("ping is the exact Pionia envelope")
			.isEqualTo("{\"returnCode\":0,\"returnMessage\":\"pong\",\"returnData\":null,\"extraData\":null}");
	}

	@Test
	void versionRootGivesAnOverview() {
		client.get()
			.uri("/api/v1/")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.returnMessage")
			.isEqualTo("Moonlight API")
			.jsonPath("$.returnData.dispatch.path")
			.isEqualTo("/api/v1/")
			.jsonPath("$.returnData.ping")
			.isEqualTo("/api/v1/ping")
			.jsonPath("$.returnData.services.notes")
			.isArray();
	}

	@Test
	void aValueReturnBecomesReturnDataWithTheActionMessage() {
		post("""
				{"service":"notes","action":"create","title":"Plan","priority":2,"due_date":"2026-12-01","author_name":"Alex"}
				""")
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.returnCode")
			.isEqualTo(0)
			.jsonPath("$.returnMessage")
			.isEqualTo("Note accepted")
			.jsonPath("$.returnData.title")
			.isEqualTo("Plan")
			.jsonPath("$.returnData.due_date")
			.isEqualTo("2026-12-01")
			.jsonPath("$.returnData.author_name")
			.isEqualTo("Alex")
			.jsonPath("$.extraData")
			.isEmpty();
	}

	@Test
	void validationListsEveryFailingFieldWith422() {
		post("{\"service\":\"notes\",\"action\":\"create\",\"title\":\"ab\",\"priority\":9}").expectStatus()
			.isEqualTo(422)
			.expectBody()
			.jsonPath("$.returnCode")
			.isEqualTo(422)
			.jsonPath("$.returnMessage")
			.isEqualTo("title must be between 3 and 20 characters")
			.jsonPath("$.returnData.errors.title[0]")
			.isEqualTo("title must be between 3 and 20 characters")
			.jsonPath("$.returnData.errors.priority[0]")
			.isEqualTo("priority must be at most 5")
			.jsonPath("$.returnData.errors.author_name[0]")
			.isEqualTo("must not be blank");
	}

	@Test
	void aParameterOfTheWrongTypeIs422NamingTheField() {
		post("{\"service\":\"notes\",\"action\":\"create\",\"title\":\"Plan\",\"priority\":\"high\",\"author_name\":\"A\"}")
			.expectStatus()
			.isEqualTo(422)
			.expectBody()
			.jsonPath("$.returnData.errors.priority[0]")
			.isEqualTo("must be an integer");
	}

	/**
	 * Issue 12, finding 9: Jackson truncated a float bound to an integer ({@code 1.5}
	 * became 1).
	 */
	@Test
	void aFloatForAnIntegerIs422NamingTheFieldWhileDigitsAsTextStillBind() {
		for (String priority : List.of("1.5", "2.0", "1e0", "\"1.5\"")) {
			post("{\"service\":\"notes\",\"action\":\"create\",\"title\":\"Plan\",\"priority\":" + priority
					+ ",\"author_name\":\"A\"}")
				.expectStatus()
				.isEqualTo(422)
				.expectBody()
				.jsonPath("$.returnData.errors.priority[0]")
				.isEqualTo("must be an integer");
		}
		post("{\"service\":\"notes\",\"action\":\"create\",\"title\":\"Plan\",\"priority\":\"3\",\"author_name\":\"A\"}")
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.returnData.priority")
			.isEqualTo(3);
		client.post()
			.uri("/api/v1/")
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.bodyValue("service=notes&action=create&title=Plan&priority=3&author_name=A")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.returnData.priority")
			.isEqualTo(3);
		client.post()
			.uri("/api/v1/")
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.bodyValue("service=notes&action=create&title=Plan&priority=1.5&author_name=A")
			.exchange()
			.expectStatus()
			.isEqualTo(422)
			.expectBody()
			.jsonPath("$.returnData.errors.priority[0]")
			.isEqualTo("must be an integer");
	}

	@Test
	void malformedJsonIs400() {
		post("{\"service\": \"notes\",").expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.returnCode")
			.isEqualTo(400)
			.jsonPath("$.returnMessage")
			.value((String m) -> assertThat(m).startsWith("Malformed JSON"));
	}

	@Test
	void aBodyThatIsNotAnObjectIs400() {
		post("[1,2]").expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.returnMessage")
			.isEqualTo("The request body must be a JSON object, not an array.");
	}

	@Test
	void missingServiceAndActionAre404WithPioniaMessages() {
		post("{\"action\":\"list\"}").expectStatus()
			.isNotFound()
			.expectBody()
			.jsonPath("$.returnCode")
			.isEqualTo(404)
			.jsonPath("$.returnMessage")
			.isEqualTo("Service not defined in request data");
		post("{\"service\":\"notes\"}").expectStatus()
			.isNotFound()
			.expectBody()
			.jsonPath("$.returnMessage")
			.isEqualTo("Action not defined in request data");
	}

	@Test
	void unknownServiceAndActionAre404WithPioniaMessages() {
		post("{\"service\":\"nope\",\"action\":\"list\"}").expectStatus()
			.isNotFound()
			.expectBody()
			.jsonPath("$.returnMessage")
			.isEqualTo("Service nope not found");
		post("{\"service\":\"notes\",\"action\":\"delete\"}").expectStatus()
			.isNotFound()
			.expectBody()
			.jsonPath("$.returnMessage")
			.isEqualTo("Action deleteAction not found in the notes context");
	}

	@Test
	void actionNamesMayBeSnakeCamelOrSuffixedAndKeysUppercase() {
		for (String name : new String[] { "list_auth", "listAuth", "listAuthAction" }) {
			post("{\"service\":\"notes\",\"action\":\"" + name + "\"}").expectStatus()
				.isOk()
				.expectBody()
				.jsonPath("$.returnData[0]")
				.isEqualTo("listed");
		}
		post("{\"SERVICE\":\"notes\",\"ACTION\":\"list_auth\"}").expectStatus().isOk();
	}

	@Test
	void theServiceAndActionMayBeInThePath() {
		client.post()
			.uri("/api/v1/notes/echo")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"x\":1}")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.returnData.params.x")
			.isEqualTo(1)
			.jsonPath("$.returnData.service")
			.isEqualTo("notes")
			.jsonPath("$.returnData.action")
			.isEqualTo("echo");
	}

	@Test
	void paramsExcludeServiceAndActionAndTheRequestIdIsEchoed() {
		client.post()
			.uri("/api/v1/")
			.header("X-Request-Id", "trace-42")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"service\":\"notes\",\"action\":\"echo\",\"q\":\"a\"}")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals("X-Request-Id", "trace-42")
			.expectBody()
			.jsonPath("$.returnData.params.service")
			.doesNotExist()
			.jsonPath("$.returnData.params.q")
			.isEqualTo("a")
			.jsonPath("$.returnData.request_id")
			.isEqualTo("trace-42")
			.jsonPath("$.returnData.anonymous")
			.isEqualTo(true);
	}

	@Test
	void anUnsafeRequestIdIsReplacedBySixteenHexCharacters() {
		client.get()
			.uri("/api/v1/ping")
			.header("X-Request-Id", "<script>")
			.exchange()
			.expectHeader()
			.value("X-Request-Id", (id) -> assertThat(id).matches("[0-9a-f]{16}"));
	}

	@Test
	void formBodiesAreParameters() {
		client.post()
			.uri("/api/v1/")
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.bodyValue("service=notes&action=echo&q=a+b&tags[]=x&tags[]=y")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.returnData.params.q")
			.isEqualTo("a b")
			.jsonPath("$.returnData.params.tags[1]")
			.isEqualTo("y");
	}

	@Test
	void jsonSentAsAFormByCurlIsReadAsJson() {
		client.post()
			.uri("/api/v1/")
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.bodyValue("{\"service\":\"notes\",\"action\":\"echo\",\"q\":1}")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.returnData.params.q")
			.isEqualTo(1);
	}

	@Test
	void multipartFieldsAreParametersAndFilesStandApart() {
		MultipartBodyBuilder parts = new MultipartBodyBuilder();
		parts.part("service", "notes");
		parts.part("action", "upload");
		parts.part("title", "Spec");
		parts.part("attachment",
				new org.springframework.core.io.ByteArrayResource("hello".getBytes(StandardCharsets.UTF_8)) {
					@Override
					public String getFilename() {
						return "hello.txt";
					}
				})
			.contentType(MediaType.TEXT_PLAIN);
		client.post()
			.uri("/api/v1/")
			.body(BodyInserters.fromMultipartData(parts.build()))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.returnData.params.title")
			.isEqualTo("Spec")
			.jsonPath("$.returnData.params.attachment")
			.doesNotExist()
			.jsonPath("$.returnData.files[0].filename")
			.isEqualTo("hello.txt")
			.jsonPath("$.returnData.files[0].text")
			.isEqualTo("hello");
	}

	@Test
	void aMultipartBodyWithoutBoundaryIs400() {
		client.post()
			.uri("/api/v1/")
			.header("Content-Type", "multipart/form-data")
			.bodyValue("service=notes")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.returnMessage")
			.isEqualTo("A multipart/form-data body needs a boundary parameter.");
	}

	@Test
	void anUnsupportedContentTypeIs415() {
		client.post()
			.uri("/api/v1/")
			.contentType(MediaType.TEXT_PLAIN)
			.bodyValue("service=notes")
			.exchange()
			.expectStatus()
			.isEqualTo(415)
			.expectBody()
			.jsonPath("$.returnCode")
			.isEqualTo(415);
	}

	@Test
	void anUnreadableContentTypeIs415() throws Exception {
		// WebTestClient refuses to send a malformed Content-Type, so a plain client does.
		java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient()
			.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(app.baseUrl() + "/api/v1/"))
				.header("Content-Type", "not a type")
				.POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}"))
				.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(415);
		assertThat(response.body()).startsWith("{\"returnCode\":415,\"returnMessage\":\"Unreadable Content-Type");
	}

	@Test
	void aBodyOverMaxRequestSizeIs413() {
		String big = "{\"service\":\"notes\",\"action\":\"echo\",\"pad\":\"" + "x".repeat(1024 * 1024) + "\"}";
		post(big).expectStatus()
			.isEqualTo(413)
			.expectBody()
			.jsonPath("$.returnCode")
			.isEqualTo(413)
			.jsonPath("$.returnMessage")
			.isEqualTo("The request body is larger than 1 MB (http.max_request_size).");
		client.get().uri("/api/v1/ping").exchange().expectStatus().isOk();
	}

	@Test
	void aBodyJustUnderTheLimitIsServed() {
		String prefix = "{\"service\":\"notes\",\"action\":\"nothing\",\"pad\":\"";
		String body = prefix + "x".repeat(1024 * 1024 - prefix.length() - 2) + "\"}";
		assertThat(body.length()).as("exactly max_request_size bytes").isEqualTo(1024 * 1024);
		post(body).expectStatus().isOk();
	}

	@Test
	void wrongMethodIs405WithAllow() {
		client.put()
			.uri("/api/v1/")
			.exchange()
			.expectStatus()
			.isEqualTo(405)
			.expectHeader()
			.valueEquals("Allow", "GET, HEAD, POST")
			.expectBody()
			.jsonPath("$.returnMessage")
			.isEqualTo("Method not allowed. Try: GET, HEAD, POST");
		client.post()
			.uri("/api/v1/ping")
			.exchange()
			.expectStatus()
			.isEqualTo(405)
			.expectHeader()
			.valueEquals("Allow", "GET, HEAD");
		client.get()
			.uri("/api/v1/notes/echo")
			.exchange()
			.expectStatus()
			.isEqualTo(405)
			.expectHeader()
			.valueEquals("Allow", "POST");
	}

	@Test
	void unknownPathsUnderApiAre404Envelopes() {
		for (String path : new String[] { "/api", "/api/", "/api/v9/", "/api/v1/a/b/c" }) {
			client.get()
				.uri(path)
				.exchange()
				.expectStatus()
				.isNotFound()
				.expectBody()
				.jsonPath("$.returnCode")
				.isEqualTo(404)
				.jsonPath("$.returnMessage")
				.isEqualTo("The page you requested was not found.");
		}
	}

	@Test
	void anUnexpectedExceptionIs500WithoutInternals() {
		String body = post("{\"service\":\"notes\",\"action\":\"broken\"}").expectStatus()
			.isEqualTo(500)
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		assertThat(body).isEqualTo(
				"{\"returnCode\":500,\"returnMessage\":\"An unexpected error occurred.\",\"returnData\":null,\"extraData\":null}");
	}

	@Test
	void aThrownStatusKeepsItsMessage() {
		post("{\"service\":\"notes\",\"action\":\"refused\"}").expectStatus()
			.isUnauthorized()
			.expectBody()
			.jsonPath("$.returnCode")
			.isEqualTo(401)
			.jsonPath("$.returnMessage")
			.isEqualTo("You must be authenticated to access this resource");
	}

	@Test
	void aReturnedBusinessCodeIsHttp200AndAnEnvelopeMaySetItsStatus() {
		post("{\"service\":\"notes\",\"action\":\"business\"}").expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.returnCode")
			.isEqualTo(7)
			.jsonPath("$.returnMessage")
			.isEqualTo("Out of stock");
		post("{\"service\":\"notes\",\"action\":\"created\"}").expectStatus().isCreated();
		post("{\"service\":\"notes\",\"action\":\"nothing\"}").expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.returnData")
			.isEmpty();
	}

	@Test
	void reactiveActionsStayOffTheWorkerPoolAndBlockingOnesRunOnIt() {
		post("{\"service\":\"notes\",\"action\":\"reactive\"}").expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.returnData.thread")
			.value((String t) -> assertThat(t).doesNotContain("worker"));
		post("{\"service\":\"notes\",\"action\":\"counting\"}").expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.returnData[2]")
			.isEqualTo(3);
		post("{\"service\":\"notes\",\"action\":\"blocking_thread\"}").expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.returnData")
			.value((String t) -> assertThat(t).startsWith("http-worker-"));
	}

	@Test
	void theSameServiceServesTwoVersionsUnderDifferentAliases() {
		client.post()
			.uri("/api/v2/")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"service\":\"memo\",\"action\":\"echo\"}")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.returnData.version")
			.isEqualTo("v2");
		client.post()
			.uri("/api/v2/")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"service\":\"notes\",\"action\":\"echo\"}")
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectBody()
			.jsonPath("$.returnMessage")
			.isEqualTo("Service notes not found");
		client.get().uri("/api/v2/ping").exchange().expectStatus().isOk();
	}

	@Test
	void optionsAnswersTheAllowedMethods() {
		client.method(HttpMethod.OPTIONS)
			.uri("/api/v1/")
			.exchange()
			.expectStatus()
			.isNoContent()
			.expectHeader()
			.valueEquals("Allow", "GET, HEAD, POST");
	}

}
