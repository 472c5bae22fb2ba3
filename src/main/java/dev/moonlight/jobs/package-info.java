/**
 * Background work: {@code defer} (after the response, in this process), jobs queued with
 * {@link dev.moonlight.jobs.Calls#async} and run later through the same dispatcher as a
 * request, on the pipelines {@code memory}, {@code jdbc} (the default) and {@code amqp};
 * retries with backoff, job status, and the control API behind the {@code jobs:*}
 * commands.
 */
package dev.moonlight.jobs;
