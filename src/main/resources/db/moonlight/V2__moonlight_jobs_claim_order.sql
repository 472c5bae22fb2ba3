-- The claim takes a pipeline's next queued jobs in (priority, available_at, id) order. With id in the index, H2 and
-- PostgreSQL both walk the index in that order and stop after one batch, instead of sorting every queued job of the
-- pipeline on each claim (which made a claim cost grow with the queue).
DROP INDEX moonlight_jobs_claim_idx;
CREATE INDEX moonlight_jobs_claim_idx ON moonlight_jobs (pipeline, status, priority, available_at, id);
