package dev.moonlight.generic;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import dev.moonlight.dispatch.FieldErrors;
import tools.jackson.databind.JsonNode;

/**
 * A list request's ordering: {@code "sort": "name"}, {@code "-created_at"} for descending, or a comma list (a JSON
 * array of the same strings works too). Only allow-listed columns are accepted, so the column names written into
 * {@code ORDER BY} always come from code; the key is appended as a tie-breaker so pages never overlap.
 *
 * @param orders the columns in order of precedence
 */
public record Sort(List<Order> orders) {

	/** One {@code ORDER BY} term. */
	public record Order(String column, boolean descending) {
	}

	public Sort {
		orders = List.copyOf(orders);
	}

	/**
	 * Reads {@code sort} (or {@code SORT}) from the request. An unknown column adds a message under {@code sort} to
	 * {@code errors}; without {@code sort} the rows are ordered by {@code tieBreaker} ascending.
	 */
	public static Sort from(JsonNode params, List<String> allowed, String tieBreaker, FieldErrors errors) {
		List<Order> orders = new ArrayList<>();
		List<String> unknown = new ArrayList<>();
		for (String term : terms(PageRequest.find(params, "sort"), errors)) {
			boolean descending = term.startsWith("-");
			String column = (descending || term.startsWith("+")) ? term.substring(1).trim() : term;
			if (allowed.contains(column)) {
				orders.add(new Order(column, descending));
			}
			else {
				unknown.add(column);
			}
		}
		if (!unknown.isEmpty()) {
			errors.add("sort", "sort must be one of: " + String.join(", ", allowed) + "; cannot sort by "
					+ String.join(", ", unknown));
		}
		if (orders.stream().noneMatch((order) -> order.column().equals(tieBreaker))) {
			orders.add(new Order(tieBreaker, false));
		}
		return new Sort(orders);
	}

	/** The {@code ORDER BY} list, such as {@code name DESC, id ASC}. */
	public String toSql() {
		return orders.stream()
			.map((order) -> order.column() + (order.descending() ? " DESC" : " ASC"))
			.collect(Collectors.joining(", "));
	}

	private static List<String> terms(JsonNode sort, FieldErrors errors) {
		List<String> terms = new ArrayList<>();
		if (sort == null) {
			return terms;
		}
		if (sort.isString()) {
			split(sort.stringValue(), terms);
		}
		else if (sort.isArray() && sort.values().stream().allMatch(JsonNode::isString)) {
			sort.values().forEach((item) -> split(item.stringValue(), terms));
		}
		else {
			errors.add("sort", "sort must be a column name or a comma-separated list of column names");
		}
		return terms;
	}

	private static void split(String text, List<String> terms) {
		for (String term : text.split(",")) {
			if (!term.isBlank()) {
				terms.add(term.trim());
			}
		}
	}

}
