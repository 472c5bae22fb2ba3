package studio.northwind.deskflow;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.moonlight.dispatch.ActionDescriptor;
import dev.moonlight.dispatch.ActionRegistry;
import dev.moonlight.generic.Sort;
import dev.moonlight.testing.RunningApp;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 12, findings 3 and 4, on DeskFlow as shipped: sorting by a repeated or very long
 * list of terms is a 422 that names the limit (3 million {@code id} terms once built a
 * 3-million-term ORDER BY and ran the heap out), and {@code /metrics} stays small
 * whatever names clients send.
 */
class DeskFlowLimitsTests {

	private static RunningApp app;

	@BeforeAll
	static void start() {
		app = ShippedConfig.deskflow().start();
	}

	@AfterAll
	static void stop() {
		app.close();
	}

	private static String list(String service, String sort) {
		return "{\"service\":\"" + service + "\",\"action\":\"list\",\"sort\":" + sort + "}";
	}

	@Test
	void aColumnNamedTwiceIsA422UnderSort() {
		DeskFlowCalls calls = new DeskFlowCalls(app);
		for (String service : new String[] { "task", "project" }) {
			calls.call(list(service, "\"id,id\""))
				.expectStatus()
				.isEqualTo(422)
				.expectBody()
				.jsonPath("$.returnData.errors.sort[0]")
				.isEqualTo("sort names a column more than once: id");
			calls.call(list(service, "[\"-id\",\"+id\"]")).expectStatus().isEqualTo(422);
			calls.call(list(service, "\"-id\"")).expectStatus().isOk();
		}
	}

	@Test
	void millionsOfSortTermsAreA422NamingTheLimitAndTheServerStaysHealthy() {
		DeskFlowCalls calls = new DeskFlowCalls(app);
		String limit = "sort takes at most " + Sort.MAX_TERMS + " terms";
		calls.call(list("task", "\"id,title,status,due_date,created_at,updated_at\""))
			.expectStatus()
			.isEqualTo(422)
			.expectBody()
			.jsonPath("$.returnData.errors.sort[0]")
			.isEqualTo(limit);
		String millions = "\"" + "id,".repeat(3_000_000) + "id\"";
		for (String service : new String[] { "task", "project" }) {
			calls.call(list(service, millions))
				.expectStatus()
				.isEqualTo(422)
				.expectBody()
				.jsonPath("$.returnData.errors.sort[0]")
				.isEqualTo(limit);
		}
		calls.call(list("task", "[" + "\"id\",".repeat(100_000) + "\"id\"]")).expectStatus().isEqualTo(422);
		calls.call(list("task", "\"" + ",".repeat(1_000_000) + "-due_date\"")).expectStatus().isOk();
		app.client().get().uri("/api/v1/ping").exchange().expectStatus().isOk();
		calls.call(list("task", "\"-due_date, title\"")).expectStatus().isOk();
	}

	@Test
	void metricsStaySmallAfterEveryRealActionAndAFloodOfUnknownNames() {
		DeskFlowCalls calls = new DeskFlowCalls(app);
		String alex = calls.alex();
		for (ActionDescriptor action : app.bean(ActionRegistry.class).actions("v1")) {
			String call = "{\"service\":\"" + action.service() + "\",\"action\":\"" + action.name() + "\"}";
			calls.call(call);
			calls.call(call, alex);
		}
		String huge = "x".repeat(2 * 1024 * 1024);
		calls.call("{\"service\":\"" + huge + "\",\"action\":\"list\"}").expectStatus().isNotFound();
		for (int i = 0; i < 500; i++) {
			calls.call("{\"service\":\"task\",\"action\":\"flood-" + i + "\"}").expectStatus().isNotFound();
		}
		String metrics = app.text("/metrics");
		assertThat(metrics.length()).as("the scrape, in characters").isLessThan(200 * 1024);
		assertThat(metrics).doesNotContain("flood-", "xxxx").contains("service=\"unknown\"", "service=\"task\"");
	}

}
