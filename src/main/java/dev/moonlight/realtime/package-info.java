/**
 * Realtime: the envelope API over a WebSocket ({@code GET /api/{v}/ws}), channel
 * subscriptions with server-pushed events, and the
 * {@link dev.moonlight.realtime.Channels} publish API, across instances through Redis
 * pub/sub.
 */
package dev.moonlight.realtime;
