/**
 * Spring AOT for a Moonlight application: the jar carries build-time bean definitions
 * ({@code spring-boot:process-aot}, started with {@code -Dspring.aot.enabled=true}), and
 * a guard that keeps them honest. Spring evaluates every condition once, at build time;
 * Moonlight's beans follow settings.ini and .rr.yaml, which an operator changes at run
 * time. {@link AotConditionsRecorder} writes down, at build time, the conditions whose
 * outcome can change after the build, and {@link AotConditionsGuard} checks them again at
 * boot: when one differs, the application starts without the build-time definitions (a
 * slower start, never the wrong beans).
 */
package dev.moonlight.aot;
