/**
 * The envelope API: service and action marks, the
 * {@link dev.moonlight.dispatch.Envelope}, the status-carrying exceptions, and the table
 * of prepared action invokers built once at boot.
 */
package dev.moonlight.dispatch;
