-- The answers of calls sent with an idempotency key (dev.moonlight.idempotency): a retry with the same key gets the
-- stored answer instead of running the action again. A call inserts its row first, in the action's own transaction,
-- so a second call with the same key waits on that row, and the row commits (or rolls back) with the action's writes.
CREATE TABLE moonlight_idempotency (
    -- SHA-256 (hex) of the caller, the version and action, and the key: neither the key nor the caller is kept.
    id           VARCHAR(64)  PRIMARY KEY,
    -- version service.action, for operators.
    action       VARCHAR(200) NOT NULL,
    -- SHA-256 (hex) of the canonical request (version, action, parameters with sorted keys).
    request_hash VARCHAR(64)  NOT NULL,
    -- The answer's HTTP status and envelope (JSON); NULL only inside the transaction that runs the call.
    status       INTEGER,
    envelope     VARCHAR,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at   TIMESTAMP WITH TIME ZONE NOT NULL
);

-- The purge deletes the expired rows a batch at a time.
CREATE INDEX moonlight_idempotency_expires_idx ON moonlight_idempotency (expires_at);
