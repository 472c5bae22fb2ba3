package dev.moonlight.web;

/**
 * Where the API overview ({@code GET /api/{v}/}) says the docs are. A docs capability
 * registers one as a bean when it serves docs; without it the overview answers
 * {@code "docs": null}.
 *
 * @param path the docs page, {@code /docs}
 */
public record ApiDocsLink(String path) {

}
