/**
 * Idempotency keys: a call sent with a key runs once, and a retry with the same key (on
 * any instance of the same database) gets the stored answer. The key's row commits in the
 * action's own transaction.
 */
package dev.moonlight.idempotency;
