-- amqp pipelines: when RabbitMQ confirmed the message of a job's current run (NULL: not confirmed yet). A queued amqp
-- job left unconfirmed longer than its pipeline's config.republish_after (a broker down at the commit, a process that
-- died between commit and publish) is published again by a consumer's sweep. Rows queued before this column existed
-- had their message published; they count as confirmed.
ALTER TABLE moonlight_jobs ADD COLUMN published_at TIMESTAMP WITH TIME ZONE;
UPDATE moonlight_jobs SET published_at = created_at;
