/**
 * What the framework keeps under {@code storage/} (git-ignored) for itself: runtime state
 * and secrets made on the first run, in files only their owner may read.
 */
package dev.moonlight.storage;
