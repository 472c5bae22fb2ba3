/**
 * Keeping the framework's background threads (access-log writer, maintenance watcher, job
 * pollers and housekeeping) alive for the server's life: a failure, an
 * {@link java.lang.Error} included, is logged and the work goes on.
 */
package dev.moonlight.supervision;
