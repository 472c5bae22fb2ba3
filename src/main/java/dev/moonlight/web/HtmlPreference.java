package dev.moonlight.web;

import java.util.List;

import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

/**
 * Whether a client would rather read a page than JSON: its {@code Accept} names
 * {@code text/html} with a higher quality than {@code application/json}. A browser's
 * navigation does; curl ({@code *}{@code /*}), {@code fetch} and API clients do not, so
 * they keep getting envelopes.
 */
final class HtmlPreference {

	private HtmlPreference() {
	}

	static boolean prefersHtml(HttpHeaders headers) {
		List<String> accept = headers.get(HttpHeaders.ACCEPT);
		if (accept == null || accept.isEmpty()) {
			return false;
		}
		double html = 0;
		double json = 0;
		try {
			for (MediaType type : MediaType.parseMediaTypes(accept)) {
				if (type.isWildcardType() || type.isWildcardSubtype()) {
					continue;
				}
				if (type.equalsTypeAndSubtype(MediaType.TEXT_HTML)) {
					html = Math.max(html, type.getQualityValue());
				}
				else if (type.equalsTypeAndSubtype(MediaType.APPLICATION_JSON)) {
					json = Math.max(json, type.getQualityValue());
				}
			}
		}
		catch (InvalidMediaTypeException unreadable) {
			return false;
		}
		return html > json;
	}

}
