package studio.northwind.deskflow;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.moonlight.testing.RunningApp;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The DeskFlow contract on the embedded H2 file database, as
 * {@code ./mvnw spring-boot:run} serves it, with the shipped settings and a test
 * {@code .env} (a random JWT secret and the tutorial's seed password).
 */
class DeskFlowApiTests extends DeskFlowApiContract
		implements DeskFlowSecurityContract, DeskFlowJobsContract, DeskFlowIdempotencyContract {

	private static RunningApp app;

	@BeforeAll
	static void start() {
		app = ShippedConfig.deskflow().start();
	}

	@AfterAll
	static void stop() {
		app.close();
	}

	@Override
	public RunningApp app() {
		return app;
	}

	/**
	 * An unknown email costs a BCrypt check like a wrong password does, so response times
	 * do not reveal which emails are members. Interleaved and compared by median, so a
	 * busy machine slows both sides alike; a factor of 2 still catches a skipped check
	 * (BCrypt at cost 10 is most of a login's time).
	 */
	@Test
	void anUnknownEmailTakesAboutAsLongAsAWrongPassword() {
		DeskFlowCalls calls = new DeskFlowCalls(app);
		String wrongPassword = "{\"service\":\"member\",\"action\":\"login\",\"email\":\"alex@northwind.studio\","
				+ "\"password\":\"not the password\"}";
		String unknownEmail = "{\"service\":\"member\",\"action\":\"login\",\"email\":\"nobody@northwind.studio\","
				+ "\"password\":\"not the password\"}";
		List<Long> wrong = new ArrayList<>();
		List<Long> unknown = new ArrayList<>();
		for (int i = 0; i < 11; i++) {
			long wrongNanos = timed(calls, wrongPassword);
			long unknownNanos = timed(calls, unknownEmail);
			if (i >= 2) {
				// The first rounds warm up the JIT and the connection; they say nothing
				// about the steady state.
				wrong.add(wrongNanos);
				unknown.add(unknownNanos);
			}
		}
		double ratio = (double) median(unknown) / median(wrong);
		assertThat(ratio).as("median unknown-email / wrong-password login time (" + unknown + " vs " + wrong + " ns)")
			.isBetween(0.5, 2.0);
	}

	private static long timed(DeskFlowCalls calls, String json) {
		long start = System.nanoTime();
		calls.call(json).expectStatus().isUnauthorized();
		return System.nanoTime() - start;
	}

	private static long median(List<Long> values) {
		List<Long> sorted = values.stream().sorted().toList();
		return sorted.get(sorted.size() / 2);
	}

}
