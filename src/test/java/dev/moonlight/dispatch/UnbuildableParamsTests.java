package dev.moonlight.dispatch;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.test.web.reactive.server.JsonPathAssertions;

import dev.moonlight.testapp.TestApplication;
import dev.moonlight.testing.RunningApp;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A parameter record Jackson cannot build (a component of an interface type) is the
 * server's bug: the call answers 500 and the log names it, rather than telling the caller
 * that a value it sent was invalid.
 */
@ExtendWith(OutputCaptureExtension.class)
class UnbuildableParamsTests {

	@Test
	void aRecordJacksonCannotBuildIsA500ThatTheLogNamesAndTheCallersOwnMistakesStay422(CapturedOutput output) {
		try (RunningApp app = RunningApp.of(TestApplication.class)
			.initializer((context) -> ((GenericApplicationContext) context).registerBean("shapes", ShapesService.class))
			.start()) {
			call(app, "{\"service\":\"shapes\",\"action\":\"draw\",\"sides\":3,\"shape\":{\"corners\":3}}", 500)
				.isEqualTo("An unexpected error occurred.");
			assertThat(output).contains("shapes.draw failed").contains("InvalidDefinitionException");

			call(app, "{\"service\":\"shapes\",\"action\":\"draw\",\"sides\":\"three\"}", 422)
				.isEqualTo("sides must be an integer");
			call(app, "{\"service\":\"shapes\",\"action\":\"draw\",\"sides\":3}", 200).isEqualTo("drawn");
		}
	}

	private static JsonPathAssertions call(RunningApp app, String body, int status) {
		return app.call(body).expectStatus().isEqualTo(status).expectBody().jsonPath("$.returnMessage");
	}

	@MoonlightService("shapes")
	static class ShapesService {

		@Action(message = "drawn")
		int draw(ShapeParams params) {
			return params.sides();
		}

	}

	record ShapeParams(int sides, Shape shape) {
	}

	interface Shape {

	}

}
