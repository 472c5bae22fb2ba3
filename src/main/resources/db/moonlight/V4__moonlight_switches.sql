-- Runtime switches every instance on the database obeys (maintenance:on writes the row 'maintenance'; maintenance:off
-- deletes it), read by each instance at most once per second. The content is the switch's JSON; a bypass token is kept
-- only as its SHA-256. (V3 is left to the idempotency keys' table, built beside this one.)
CREATE TABLE moonlight_switches (
    name       VARCHAR(100) PRIMARY KEY,
    content    VARCHAR      NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL
);
