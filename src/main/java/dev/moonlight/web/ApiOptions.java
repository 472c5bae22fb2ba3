package dev.moonlight.web;

/**
 * What the HTTP layer needs from the configuration: the app name (debug ping),
 * {@code DEBUG} (500 internals), and {@code http.max_request_size} in bytes, and
 * {@code http.max_form_fields}.
 */
public record ApiOptions(String appName, boolean debug, long maxRequestSizeBytes, int maxFormFields) {

}
