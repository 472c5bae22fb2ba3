package dev.moonlight.docs;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.moonlight.generic.TableSpec;

/**
 * The parameters of a generic service's built-in actions, read from its
 * {@link TableSpec}: what {@code list}, {@code random}, {@code retrieve}, {@code create},
 * {@code update} and {@code delete} take from a request.
 */
final class TableParams {

	private TableParams() {
	}

	/**
	 * The parameters of {@code action}, or empty when it is not one of the built-in
	 * actions.
	 */
	static Optional<List<ParamDoc>> of(TableSpec spec, String action) {
		return switch (action) {
			case "list" -> Optional.of(list(spec));
			case "random" -> Optional.of(random(spec));
			case "retrieve", "delete" -> Optional.of(List.of(key(spec)));
			case "create" -> Optional.of(create(spec));
			case "update" -> Optional.of(update(spec));
			default -> Optional.empty();
		};
	}

	private static List<ParamDoc> list(TableSpec spec) {
		List<ParamDoc> params = new ArrayList<>();
		spec.filterColumns()
			.forEach((column) -> params
				.add(column(spec, column).description("Only rows whose " + column + " equals this value.").build()));
		params.add(new ParamBuilder("sort", "string", null)
			.description("Column to sort by, '-' first for descending, several separated by commas: "
					+ String.join(", ", spec.sortColumns()) + ".")
			.build());
		ParamBuilder limit = new ParamBuilder("limit", "integer", "int64").description(
				"Page size; with limit or offset the answer is one page (default " + spec.defaultLimit() + ").");
		limit.minimum(BigDecimal.ONE, true);
		limit.maximum(BigDecimal.valueOf(spec.maxListRows()), true);
		ParamBuilder offset = new ParamBuilder("offset", "integer", "int64").description("Rows to skip.");
		offset.minimum(BigDecimal.ZERO, true);
		params.add(limit.build());
		params.add(offset.build());
		return params;
	}

	private static List<ParamDoc> random(TableSpec spec) {
		List<ParamDoc> params = new ArrayList<>();
		spec.filterColumns()
			.forEach((column) -> params
				.add(column(spec, column).description("Pick only among rows whose " + column + " equals this value.")
					.build()));
		for (String name : List.of("size", "limit")) {
			ParamBuilder size = new ParamBuilder(name, "integer", "int64")
				.description("How many rows to pick (size first, else limit; default 1: one row as an object).");
			size.minimum(BigDecimal.ONE, true);
			size.maximum(BigDecimal.valueOf(spec.maxListRows()), true);
			params.add(size.build());
		}
		return params;
	}

	private static ParamDoc key(TableSpec spec) {
		return column(spec, spec.keyColumn()).required().build();
	}

	private static List<ParamDoc> create(TableSpec spec) {
		List<ParamDoc> params = new ArrayList<>();
		for (TableSpec.Field field : spec.createColumns()) {
			ParamBuilder param = column(spec, field.name());
			params.add(field.required() ? param.required().build() : param.build());
		}
		return params;
	}

	private static List<ParamDoc> update(TableSpec spec) {
		List<ParamDoc> params = new ArrayList<>(List.of(key(spec)));
		spec.updateColumns().forEach((column) -> params.add(column(spec, column).build()));
		return params;
	}

	private static ParamBuilder column(TableSpec spec, String column) {
		return JsonTypes.describe(column, spec.typeOf(column));
	}

}
