-- amqp pipelines: TRUE while a queued job's message may not have reached RabbitMQ (its row committed before the
-- publish: a push inside a transaction, a jobs:retry, a retry whose publish failed); cleared once RabbitMQ confirmed
-- the message or a consumer received it. A job pending longer than its pipeline's config.republish_after (a broker
-- down at the commit, a process that died between commit and publish) is published again by a consumer's sweep. Only
-- this version sets it, so the jobs of older processes (and every row before it) are never swept; no row is rewritten.
ALTER TABLE moonlight_jobs ADD COLUMN publish_pending BOOLEAN DEFAULT FALSE NOT NULL;
