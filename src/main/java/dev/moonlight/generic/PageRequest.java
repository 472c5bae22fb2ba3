package dev.moonlight.generic;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import dev.moonlight.dispatch.FieldErrors;
import tools.jackson.databind.JsonNode;

/**
 * The page a list request asks for, read the way Pionia reads it: {@code limit} and
 * {@code offset} (or {@code LIMIT}/{@code OFFSET}) at the top level or nested under
 * {@code pagination} or {@code search}. A limit alone means offset 0; an offset alone
 * means the default page size.
 *
 * @param limit rows per page, at least 1
 * @param offset rows skipped, at least 0
 */
public record PageRequest(int limit, long offset) {

	private static final List<String> CONTAINERS = List.of("pagination", "PAGINATION", "search", "SEARCH");

	/**
	 * The requested page, or empty when the request sends neither limit nor offset. Bad
	 * values are added to {@code errors} under {@code limit} / {@code offset}; the limit
	 * may not exceed {@code maxLimit}.
	 */
	public static Optional<PageRequest> from(JsonNode params, int defaultLimit, int maxLimit, FieldErrors errors) {
		JsonNode limitNode = find(params, "limit");
		JsonNode offsetNode = find(params, "offset");
		if (limitNode == null && offsetNode == null) {
			return Optional.empty();
		}
		FieldErrors found = new FieldErrors();
		Long limit = (limitNode != null) ? (Long) Values.coerce(limitNode, Long.class, "limit", found) : null;
		Long offset = (offsetNode != null) ? (Long) Values.coerce(offsetNode, Long.class, "offset", found) : null;
		if (limit != null && limit < 1) {
			found.add("limit", "limit must be at least 1");
		}
		else if (limit != null && limit > maxLimit) {
			found.add("limit", "limit must not exceed " + maxLimit);
		}
		if (offset != null && offset < 0) {
			found.add("offset", "offset must be at least 0");
		}
		errors.addAll(found);
		if (!found.isEmpty()) {
			return Optional.empty();
		}
		return Optional
			.of(new PageRequest((limit != null) ? limit.intValue() : defaultLimit, (offset != null) ? offset : 0));
	}

	/**
	 * The value under {@code key} or its upper-case form, at the top level first, then in
	 * the containers.
	 */
	static JsonNode find(JsonNode params, String key) {
		JsonNode value = direct(params, key);
		for (int i = 0; value == null && i < CONTAINERS.size(); i++) {
			JsonNode container = params.get(CONTAINERS.get(i));
			if (container != null && container.isObject()) {
				value = direct(container, key);
			}
		}
		return value;
	}

	private static JsonNode direct(JsonNode node, String key) {
		JsonNode value = node.get(key);
		if (value == null || value.isNull()) {
			value = node.get(key.toUpperCase(Locale.ROOT));
		}
		return (value == null || value.isNull()) ? null : value;
	}

}
