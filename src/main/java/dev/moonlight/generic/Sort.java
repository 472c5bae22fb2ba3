package dev.moonlight.generic;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import dev.moonlight.dispatch.FieldErrors;
import tools.jackson.databind.JsonNode;

/**
 * A list request's ordering: {@code "sort": "name"}, {@code "-created_at"} for
 * descending, or a comma list (a JSON array of the same strings works too). Only
 * allow-listed columns are accepted, so the column names written into {@code ORDER BY}
 * always come from code; the key is appended as a tie-breaker so pages never overlap.
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
	 * The most terms a request may sort by. Each term is an {@code ORDER BY} term the
	 * database evaluates per row, and the text comes from anonymous callers: millions of
	 * {@code id,id,...} once built a query that ran the heap out.
	 */
	public static final int MAX_TERMS = 5;

	/** How much of an unknown column name an error message repeats. */
	private static final int MAX_ECHOED_NAME = 64;

	/**
	 * Reads {@code sort} (or {@code SORT}) from the request. An unknown column, a column
	 * named twice or more than {@link #MAX_TERMS} terms add a message under {@code sort}
	 * to {@code errors}; without {@code sort} the rows are ordered by {@code tieBreaker}
	 * ascending.
	 */
	public static Sort from(JsonNode params, List<String> allowed, String tieBreaker, FieldErrors errors) {
		List<Order> orders = new ArrayList<>();
		List<String> unknown = new ArrayList<>();
		Set<String> seen = new LinkedHashSet<>();
		Set<String> twice = new LinkedHashSet<>();
		for (String term : terms(PageRequest.find(params, "sort"), errors)) {
			boolean descending = term.startsWith("-");
			String column = (descending || term.startsWith("+")) ? term.substring(1).trim() : term;
			if (!seen.add(column)) {
				twice.add(echoed(column));
			}
			else if (allowed.contains(column)) {
				orders.add(new Order(column, descending));
			}
			else {
				unknown.add(echoed(column));
			}
		}
		if (!unknown.isEmpty()) {
			errors.add("sort", "sort must be one of: " + String.join(", ", allowed) + "; cannot sort by "
					+ String.join(", ", unknown));
		}
		if (!twice.isEmpty()) {
			errors.add("sort", "sort names a column more than once: " + String.join(", ", twice));
		}
		if (orders.stream().noneMatch((order) -> order.column().equals(tieBreaker))) {
			orders.add(new Order(tieBreaker, false));
		}
		return new Sort(orders);
	}

	private static String echoed(String column) {
		return (column.length() <= MAX_ECHOED_NAME) ? column : column.substring(0, MAX_ECHOED_NAME) + "...";
	}

	/** The {@code ORDER BY} list, such as {@code name DESC, id ASC}. */
	public String toSql() {
		return orders.stream()
			.map((order) -> order.column() + (order.descending() ? " DESC" : " ASC"))
			.collect(Collectors.joining(", "));
	}

	/**
	 * The terms of {@code sort}, or none with a message when it is not text or has more
	 * than {@link #MAX_TERMS}.
	 */
	private static List<String> terms(JsonNode sort, FieldErrors errors) {
		List<String> terms = new ArrayList<>();
		if (sort == null) {
			return terms;
		}
		boolean fits = true;
		if (sort.isString()) {
			fits = split(sort.stringValue(), terms);
		}
		else if (sort.isArray() && sort.values().stream().allMatch(JsonNode::isString)) {
			for (JsonNode item : sort.values()) {
				fits = fits && split(item.stringValue(), terms);
			}
		}
		else {
			errors.add("sort", "sort must be a column name or a comma-separated list of column names");
		}
		if (!fits) {
			errors.add("sort", "sort takes at most " + MAX_TERMS + " terms");
			terms.clear();
		}
		return terms;
	}

	/**
	 * Adds the non-blank comma-separated terms of {@code text} to {@code terms}, stopping
	 * at the first term past {@link #MAX_TERMS} so that a long list costs no allocation
	 * per term.
	 * @return whether every term fitted
	 */
	private static boolean split(String text, List<String> terms) {
		int start = 0;
		while (start <= text.length()) {
			int comma = text.indexOf(',', start);
			int end = (comma < 0) ? text.length() : comma;
			if (!isBlank(text, start, end)) {
				if (terms.size() == MAX_TERMS) {
					return false;
				}
				terms.add(text.substring(start, end).trim());
			}
			start = end + 1;
		}
		return true;
	}

	private static boolean isBlank(String text, int start, int end) {
		for (int i = start; i < end; i++) {
			if (!Character.isWhitespace(text.charAt(i))) {
				return false;
			}
		}
		return true;
	}

}
