package dev.moonlight.jobs;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Jobs that run right after the response in this process: every job while
 * {@code [jobs] ENABLED=false}, and a job whose pipeline refused it. Kept in memory for
 * {@code jobs.status}; never consumed (the {@link Jobs} that queued one runs it), and
 * never retried, for there is no queue to keep it in between attempts.
 */
final class InlinePipeline implements Pipeline {

	/** The name these jobs carry in listings and in {@code jobs.status}. */
	static final String NAME = "inline";

	private static final PipelineSection SECTION = PipelineSection.defaults(NAME, NAME);

	private final MemoryLedger ledger = new MemoryLedger();

	@Override
	public PipelineSection section() {
		return SECTION;
	}

	@Override
	public void push(Job job) {
		ledger.put(job);
	}

	/** Records a job's new state as it runs. */
	void update(Job job) {
		ledger.put(job);
	}

	@Override
	public Optional<Job> find(String id) {
		return ledger.find(id);
	}

	@Override
	public List<Job> list(JobStatus status, int limit) {
		return ledger.list(status, limit);
	}

	@Override
	public Map<JobStatus, Long> counts() {
		return ledger.counts();
	}

	@Override
	public List<String> retry(String id) {
		return List.of();
	}

	@Override
	public Consumption consume(JobConsumer.Context consumer) {
		throw new UnsupportedOperationException("Inline jobs are run by whoever queued them, not consumed");
	}

}
