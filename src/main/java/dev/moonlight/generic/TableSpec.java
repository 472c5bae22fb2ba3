package dev.moonlight.generic;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a {@link GenericService} may do with its table, declared once: the key, the
 * columns each action reads or takes, the filter and sort allow-lists and the page sizes.
 * Every name comes from code, never from a request, and is checked to be a plain
 * lowercase identifier because it is written into SQL text.
 *
 * @param table the table, optionally schema-qualified
 * @param singular the row's name in messages ({@code Project updated successfully})
 * @param keyColumn the key of retrieve, update and delete, also the request parameter
 * that carries it
 * @param types the Java type of each column whose request values are not plain text
 * @param listColumns the columns every returned row holds; empty means all ({@code *})
 * @param createColumns the columns {@code create} takes, each required unless declared
 * with a {@code ?} suffix
 * @param updateColumns the columns {@code update} may change
 * @param filterColumns the columns a list request may filter on by equality
 * @param sortColumns the columns a list request may sort by
 * @param defaultLimit the page size when a request sends an offset but no limit
 * @param maxListRows the most rows a list returns, and the largest limit a request may
 * ask for
 */
public record TableSpec(String table, String singular, String keyColumn, Map<String, Class<?>> types,
		List<String> listColumns, List<Field> createColumns, List<String> updateColumns, List<String> filterColumns,
		List<String> sortColumns, int defaultLimit, int maxListRows) {

	private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]*");

	private static final Pattern TABLE = Pattern.compile("([a-z_][a-z0-9_]*\\.)?[a-z_][a-z0-9_]*");

	private static final Set<Class<?>> SUPPORTED_TYPES = Set.of(String.class, Long.class, Integer.class,
			BigDecimal.class, Boolean.class, LocalDate.class, OffsetDateTime.class);

	/**
	 * A column {@code create} takes; {@code required} unless it was declared with
	 * Pionia's {@code ?} suffix.
	 */
	public record Field(String name, boolean required) {
	}

	public TableSpec {
		check(TABLE, table, "table");
		check(IDENTIFIER, keyColumn, "key column");
		types = Map.copyOf(types);
		types.forEach(TableSpec::checkType);
		listColumns = checked(listColumns);
		createColumns = List.copyOf(createColumns);
		createColumns.forEach((field) -> check(IDENTIFIER, field.name(), "column"));
		updateColumns = checked(updateColumns);
		filterColumns = checked(filterColumns);
		sortColumns = checked(sortColumns);
		if (defaultLimit < 1 || maxListRows < defaultLimit) {
			throw new IllegalArgumentException("Table " + table + ": need 1 <= defaultLimit (" + defaultLimit
					+ ") <= maxListRows (" + maxListRows + ").");
		}
	}

	public static Builder builder(String table) {
		return new Builder(table);
	}

	/**
	 * The type request values of {@code column} are converted to; text unless declared
	 * otherwise.
	 */
	public Class<?> typeOf(String column) {
		return types.getOrDefault(column, String.class);
	}

	private static List<String> checked(List<String> columns) {
		columns.forEach((column) -> check(IDENTIFIER, column, "column"));
		return List.copyOf(columns);
	}

	private static void check(Pattern pattern, String name, String what) {
		if (name == null || !pattern.matcher(name).matches()) {
			throw new IllegalArgumentException(
					"Invalid " + what + " name '" + name + "': use lowercase letters, digits and underscores.");
		}
	}

	private static void checkType(String column, Class<?> type) {
		check(IDENTIFIER, column, "column");
		if (!SUPPORTED_TYPES.contains(type)) {
			throw new IllegalArgumentException("Column " + column + " has unsupported type " + type.getName()
					+ "; use String, Long, Integer, BigDecimal, Boolean, LocalDate or OffsetDateTime.");
		}
	}

	/**
	 * Builds a {@link TableSpec}; the key defaults to {@code id} of type {@code Long}, as
	 * Pionia's {@code pk_field}.
	 */
	public static final class Builder {

		private final String table;

		private String singular;

		private String keyColumn = "id";

		private final Map<String, Class<?>> types = new LinkedHashMap<>(Map.of("id", Long.class));

		private final List<String> listColumns = new ArrayList<>();

		private final List<Field> createColumns = new ArrayList<>();

		private final List<String> updateColumns = new ArrayList<>();

		private final List<String> filterColumns = new ArrayList<>();

		private final List<String> sortColumns = new ArrayList<>();

		private int defaultLimit = 10;

		private int maxListRows = 1000;

		private Builder(String table) {
			this.table = table;
		}

		public Builder key(String column, Class<?> type) {
			types.remove(keyColumn);
			keyColumn = column;
			return type(column, type);
		}

		/**
		 * Declares the Java type of a non-text column, so {@code "1"} binds as a number
		 * on PostgreSQL.
		 */
		public Builder type(String column, Class<?> type) {
			types.put(column, type);
			return this;
		}

		public Builder singular(String singular) {
			this.singular = singular;
			return this;
		}

		public Builder list(String... columns) {
			listColumns.addAll(List.of(columns));
			return this;
		}

		/**
		 * The columns {@code create} takes; {@code "bio?"} marks an optional one, as in
		 * Pionia.
		 */
		public Builder create(String... columns) {
			for (String column : columns) {
				boolean optional = column.endsWith("?");
				createColumns.add(new Field(optional ? column.substring(0, column.length() - 1) : column, !optional));
			}
			return this;
		}

		public Builder update(String... columns) {
			updateColumns.addAll(List.of(columns));
			return this;
		}

		public Builder filters(String... columns) {
			filterColumns.addAll(List.of(columns));
			return this;
		}

		public Builder sortable(String... columns) {
			sortColumns.addAll(List.of(columns));
			return this;
		}

		public Builder defaultLimit(int limit) {
			defaultLimit = limit;
			return this;
		}

		public Builder maxListRows(int rows) {
			maxListRows = rows;
			return this;
		}

		public TableSpec build() {
			String name = (singular != null) ? singular : singularOf(table);
			return new TableSpec(table, name, keyColumn, types, listColumns, createColumns, updateColumns,
					filterColumns, sortColumns, defaultLimit, maxListRows);
		}

		/**
		 * {@code projects} → {@code Project}, {@code categories} → {@code Category},
		 * {@code team_members} → {@code Team member}.
		 */
		static String singularOf(String table) {
			String name = table.substring(table.indexOf('.') + 1);
			if (name.endsWith("ies")) {
				name = name.substring(0, name.length() - 3) + "y";
			}
			else if (name.endsWith("sses") || name.endsWith("xes") || name.endsWith("ches") || name.endsWith("shes")) {
				name = name.substring(0, name.length() - 2);
			}
			else if (name.endsWith("s") && !name.endsWith("ss")) {
				name = name.substring(0, name.length() - 1);
			}
			name = name.replace('_', ' ');
			return name.substring(0, 1).toUpperCase(Locale.ROOT) + name.substring(1);
		}

	}

}
