/**
 * RoadRunner's {@code reload} section for development: with
 * {@code ./mvnw spring-boot:run} a changed class or configuration file restarts the
 * application in place, by Spring Boot DevTools (an optional dependency, never in the
 * production jar). Without a {@code reload} section DevTools does not restart at all, as
 * RoadRunner's plugin is off without its section.
 */
package dev.moonlight.devreload;
