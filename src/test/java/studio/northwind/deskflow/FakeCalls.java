package studio.northwind.deskflow;

import java.util.ArrayList;
import java.util.List;

import dev.moonlight.dispatch.Envelope;
import dev.moonlight.jobs.Calls;
import dev.moonlight.jobs.JobOptions;

/**
 * A {@link Calls} for calling actions directly in data tests: it records the jobs queued
 * and runs nothing.
 */
public final class FakeCalls implements Calls {

	/** One queued job as the action asked for it. */
	public record Queued(String service, String action, Object payload, JobOptions options) {
	}

	private final List<Queued> queued = new ArrayList<>();

	public List<Queued> queued() {
		return queued;
	}

	@Override
	public void defer(Runnable task) {
		// Deferred work belongs to the wire tests; a data test only sees what the action
		// answers.
	}

	@Override
	public String queue(String service, String action, Object payload, JobOptions options) {
		queued.add(new Queued(service, action, payload, options));
		return "job-" + queued.size();
	}

	@Override
	public Envelope dispatch(String service, String action, Object payload) {
		throw new UnsupportedOperationException("FakeCalls does not dispatch");
	}

}
