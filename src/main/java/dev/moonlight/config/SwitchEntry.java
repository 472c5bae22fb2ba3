package dev.moonlight.config;

/**
 * One line of {@code [app_switches]}: an API version and the switch class that serves it.
 *
 * @param version the URL segment, such as {@code v1}
 * @param className the switch's fully qualified class name, resolved later by the
 * dispatcher
 * @param origin the line the entry came from
 */
public record SwitchEntry(String version, String className, Origin origin) {
}
