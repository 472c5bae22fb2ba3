/**
 * The HTTP face of the envelope API: the {@code /api/{version}/...} routes, body reading and limits, error
 * mapping and envelope serialisation.
 */
package dev.moonlight.web;
