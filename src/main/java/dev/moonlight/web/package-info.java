/**
 * The HTTP face of the envelope API: the {@code /api/{version}/...} routes, body reading
 * and limits, error mapping and envelope serialisation. One handler ({@code ApiHandler})
 * answers every call, and one Reactor Netty route ({@code ApiRoute}) adapts it to HTTP
 * for every request under {@code /api}.
 */
package dev.moonlight.web;
