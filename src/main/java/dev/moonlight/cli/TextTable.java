package dev.moonlight.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * Left-aligned columns two spaces apart, the last one unpadded: how the {@code jobs:*}
 * commands print lists.
 */
final class TextTable {

	private TextTable() {
	}

	static String render(List<String> headings, List<List<String>> rows) {
		List<List<String>> all = new ArrayList<>();
		all.add(headings);
		all.addAll(rows);
		int[] widths = new int[headings.size()];
		for (List<String> row : all) {
			for (int i = 0; i < row.size(); i++) {
				widths[i] = Math.max(widths[i], text(row.get(i)).length());
			}
		}
		StringBuilder out = new StringBuilder();
		for (List<String> row : all) {
			for (int i = 0; i < row.size(); i++) {
				String cell = text(row.get(i));
				out.append(cell);
				if (i < row.size() - 1) {
					out.append(" ".repeat(widths[i] - cell.length() + 2));
				}
			}
			out.append(System.lineSeparator());
		}
		return out.toString();
	}

	private static String text(String cell) {
		return (cell != null) ? cell : "-";
	}

}
