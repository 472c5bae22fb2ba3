package dev.moonlight.generic;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One page of rows and Pionia's pagination keys: {@code current_limit},
 * {@code current_offset}, {@code next_offset} ({@code null} on the last page),
 * {@code prev_offset}, {@code results_count}, {@code has_next}, {@code has_previous} and
 * {@code total_count}.
 *
 * @param <T> the row type
 * @param results the rows of this page
 * @param limit the page size asked for
 * @param offset the rows skipped before this page
 * @param totalCount the rows matching the query across all pages
 */
public record Page<T>(List<T> results, int limit, long offset, long totalCount) {

	public Page {
		results = List.copyOf(results);
	}

	public Page(List<T> results, PageRequest request, long totalCount) {
		this(results, request.limit(), request.offset(), totalCount);
	}

	public boolean hasNext() {
		return offset + results.size() < totalCount;
	}

	public boolean hasPrevious() {
		return offset > 0;
	}

	public Long nextOffset() {
		return hasNext() ? offset + limit : null;
	}

	public long prevOffset() {
		return Math.max(0, offset - limit);
	}

	/**
	 * The rows under {@code resultsKey} ({@code results} for generic services), then the
	 * pagination keys.
	 */
	public Map<String, Object> toMap(String resultsKey) {
		Map<String, Object> map = new LinkedHashMap<>();
		map.put(resultsKey, results);
		map.put("current_limit", limit);
		map.put("current_offset", offset);
		map.put("next_offset", nextOffset());
		map.put("prev_offset", prevOffset());
		map.put("results_count", results.size());
		map.put("has_next", hasNext());
		map.put("has_previous", hasPrevious());
		map.put("total_count", totalCount);
		return map;
	}

}
