package dev.moonlight.jobs;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.moonlight.config.ConfigException;
import dev.moonlight.config.IniDocument;
import dev.moonlight.config.Origin;
import dev.moonlight.config.RrYaml;

/**
 * Checks at boot that {@code runserver --mode=jobs} has something to do: jobs must be on,
 * and it must consume a pipeline other processes can feed. A memory pipeline lives inside
 * one process, so a job machine never sees its jobs.
 */
final class ConsumerOnlyMode {

	private static final Logger logger = LoggerFactory.getLogger(ConsumerOnlyMode.class);

	/**
	 * @param jobs the section read for this boot
	 * @param ini settings.ini, whose {@code [jobs] ENABLED} line an error names
	 * @throws ConfigException when jobs are off or only memory pipelines are consumed
	 */
	ConsumerOnlyMode(JobsSection jobs, IniDocument ini) {
		if (!jobs.enabled()) {
			Origin origin = ini.getIgnoreCase(JobsSectionReader.SECTION, "ENABLED")
				.map((value) -> value.origin())
				.orElse(new Origin(IniDocument.FILE, 0, "[jobs] ENABLED"));
			throw new ConfigException(origin, null, "runserver --mode=jobs works jobs, but jobs are off;"
					+ " set [jobs] ENABLED = true (or JOBS_ENABLED=true).");
		}
		List<String> shared = jobs.consume()
			.stream()
			.filter((name) -> jobs.pipeline(name).map((p) -> !PipelineSection.MEMORY.equals(p.driver())).orElse(false))
			.toList();
		if (shared.isEmpty()) {
			throw new ConfigException(new Origin(RrYaml.FILE, 0, "jobs.consume"), String.join(", ", jobs.consume()),
					"runserver --mode=jobs needs a jdbc or amqp pipeline to consume; a memory pipeline only holds"
							+ " the jobs of the process that queued them.");
		}
		logger.info("Consumer-only mode: no HTTP listener; working the jobs of {}", shared);
	}

}
