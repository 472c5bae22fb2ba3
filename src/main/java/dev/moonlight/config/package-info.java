/**
 * Reads the project's configuration files ({@code environment/.env},
 * {@code environment/settings.ini}, {@code .rr.yaml}) once at boot into immutable
 * records, and feeds the derived values into Spring's {@code Environment}.
 * <p>
 * Every value remembers the file, line and key it came from
 * ({@link dev.moonlight.config.Origin}), so a bad value fails the boot with a one-line
 * {@link dev.moonlight.config.ConfigException} that says where to look. Precedence,
 * highest first: command line, process environment, {@code .env}, {@code settings.ini},
 * {@code .rr.yaml}, built-in defaults.
 */
package dev.moonlight.config;
