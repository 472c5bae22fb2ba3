/**
 * The worker pool: a fixed set of threads that run blocking actions, with a bounded
 * queue, an allocation deadline that answers 503 at once, and an execution deadline that
 * answers 504 and interrupts the action.
 */
package dev.moonlight.pool;
