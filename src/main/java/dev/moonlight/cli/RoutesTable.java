package dev.moonlight.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import dev.moonlight.docs.ActionDoc;
import dev.moonlight.docs.ParamDoc;
import dev.moonlight.docs.VersionDoc;

/**
 * Renders the catalog for a terminal: one row per action with its version,
 * {@code service.action}, access rule and parameters ({@code *} marks a required one).
 * Fetching the catalog stays in {@link RoutesCommand}.
 */
final class RoutesTable {

	private static final String[] HEADINGS = { "VERSION", "ACTION", "AUTH", "PARAMETERS" };

	private RoutesTable() {
	}

	static String render(List<VersionDoc> versions) {
		List<String[]> rows = new ArrayList<>();
		rows.add(HEADINGS);
		for (VersionDoc version : versions) {
			for (ActionDoc action : version.actions()) {
				rows.add(new String[] { version.version(), action.label(), action.auth().summary(), params(action) });
			}
		}
		int[] widths = new int[HEADINGS.length - 1];
		rows.forEach((row) -> {
			for (int i = 0; i < widths.length; i++) {
				widths[i] = Math.max(widths[i], row[i].length());
			}
		});
		StringBuilder out = new StringBuilder();
		for (String[] row : rows) {
			for (int i = 0; i < widths.length; i++) {
				out.append(row[i]).append(" ".repeat(widths[i] - row[i].length() + 2));
			}
			out.append(row[widths.length]).append(System.lineSeparator());
		}
		return out.toString();
	}

	static String params(ActionDoc action) {
		if (ActionDoc.FREE_FORM.equals(action.body())) {
			return "(free-form object)";
		}
		if (action.params().isEmpty()) {
			return "-";
		}
		return action.params().stream().map(RoutesTable::param).collect(Collectors.joining(", "));
	}

	private static String param(ParamDoc param) {
		String type = (param.type() != null) ? param.type() : "any";
		return param.name() + (param.required() ? "*" : "") + ":" + type;
	}

}
