package dev.moonlight.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.env.MapPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The training run's refusals end the process (a run that never stops leaves no archive
 * and its caller waiting), and the address it calls. Its calls and its clean stop are
 * tested on a real server in DeskFlowBareFolderContract.
 */
class TrainingRunTests {

	private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

	private final AtomicInteger exitCode = new AtomicInteger(-1);

	@Test
	void withoutThePropertyNothingHappens() {
		TrainingRun.startIfAsked(context(Map.of()), out(), this.exitCode::set);
		assertThat(this.exitCode).hasValue(-1);
		assertThat(this.printed.toString(StandardCharsets.UTF_8)).isEmpty();
	}

	@Test
	void aValueThatIsNoPositiveNumberIsSaidAndEndsTheProcessWith2() {
		for (String value : new String[] { "many", "0", "-3", "" }) {
			this.exitCode.set(-1);
			TrainingRun.startIfAsked(context(Map.of(TrainingRun.PROPERTY, value)), out(), this.exitCode::set);
			assertThat(this.exitCode).as(value).hasValue(2);
			assertThat(this.printed.toString(StandardCharsets.UTF_8))
				.contains("moonlight.training-run takes a number of rounds of calls (1 or more), not '" + value + "'");
		}
	}

	@Test
	void aProcessWithoutAnHttpServerIsSaidAndEndsWith2() {
		TrainingRun.startIfAsked(context(Map.of(TrainingRun.PROPERTY, "5")), out(), this.exitCode::set);
		assertThat(this.exitCode).hasValue(2);
		assertThat(this.printed.toString(StandardCharsets.UTF_8))
			.contains("needs the HTTP server, which this process does not run");
	}

	@Test
	void itCallsLoopbackWhenTheServerListensEverywhereAndItsOwnAddressOtherwise() {
		assertThat(TrainingRun.origin("0.0.0.0", 8000)).isEqualTo("http://127.0.0.1:8000");
		assertThat(TrainingRun.origin("::", 8000)).isEqualTo("http://127.0.0.1:8000");
		assertThat(TrainingRun.origin("", 8000)).isEqualTo("http://127.0.0.1:8000");
		assertThat(TrainingRun.origin("::1", 8000)).isEqualTo("http://[::1]:8000");
		assertThat(TrainingRun.origin("10.1.2.3", 81)).isEqualTo("http://10.1.2.3:81");
	}

	private PrintStream out() {
		return new PrintStream(this.printed, true, StandardCharsets.UTF_8);
	}

	private static GenericApplicationContext context(Map<String, Object> properties) {
		GenericApplicationContext context = new GenericApplicationContext();
		context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("test", properties));
		context.refresh();
		return context;
	}

}
