/**
 * The HTTP face of the envelope API: the {@code /api/{version}/...} routes, body reading
 * and limits, error mapping and envelope serialisation. One transport-free handler
 * ({@code ApiHandler}) answers every call; the WebFlux route and the direct Reactor Netty
 * route for the hot calls only adapt it.
 */
package dev.moonlight.web;
