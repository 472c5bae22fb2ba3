-- Moonlight's own tables, versioned apart from the application's migrations (history table moonlight_schema_history,
-- location classpath:db/moonlight), so an application's version numbers never have to leave room for them.
-- Runs unchanged on H2 (MODE=PostgreSQL) and PostgreSQL: VARCHAR without a length is unbounded on both.

CREATE TABLE moonlight_jobs (
    id           VARCHAR(36)  PRIMARY KEY,
    pipeline     VARCHAR(100) NOT NULL,
    version      VARCHAR(40)  NOT NULL,
    service      VARCHAR(100) NOT NULL,
    action       VARCHAR(100) NOT NULL,
    -- The parameters as JSON, a request body without service and action.
    payload      VARCHAR      NOT NULL,
    -- queued, running, done or failed.
    status       VARCHAR(10)  NOT NULL,
    -- Lower runs first.
    priority     INTEGER      NOT NULL,
    attempts     INTEGER      NOT NULL DEFAULT 0,
    max_attempts INTEGER      NOT NULL,
    -- The id of the caller who queued the job (jobs.status lets them read it), NULL when anonymous.
    created_by   VARCHAR(255),
    -- The caller the action runs as, as JSON; NULL means anonymous.
    run_as       VARCHAR,
    last_error   VARCHAR(2000),
    -- The consumer holding a running job, and until when: a job whose lease ran out is queued again.
    claimed_by   VARCHAR(200),
    lease_until  TIMESTAMP WITH TIME ZONE,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    available_at TIMESTAMP WITH TIME ZONE NOT NULL,
    started_at   TIMESTAMP WITH TIME ZONE,
    finished_at  TIMESTAMP WITH TIME ZONE
);

-- The claim: the next queued jobs of a pipeline by priority, then by the time they became available.
CREATE INDEX moonlight_jobs_claim_idx ON moonlight_jobs (pipeline, status, priority, available_at);
-- Lease renewal: every running job of one consumer. (The search for expired leases uses the claim index.)
CREATE INDEX moonlight_jobs_claimed_by_idx ON moonlight_jobs (claimed_by);

-- Paused pipelines, shared by every process on the database: jobs:pause stops all their consumers.
CREATE TABLE moonlight_job_pipelines (
    name       VARCHAR(100) PRIMARY KEY,
    paused     BOOLEAN      NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL
);
