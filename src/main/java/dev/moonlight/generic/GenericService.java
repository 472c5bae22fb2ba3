package dev.moonlight.generic;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.moonlight.dispatch.Action;
import dev.moonlight.dispatch.Caller;
import dev.moonlight.dispatch.Envelope;
import dev.moonlight.dispatch.FieldErrors;
import dev.moonlight.dispatch.NotFoundException;
import dev.moonlight.dispatch.UnprocessableException;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Pionia's GenericService: a {@code @MoonlightService} bean extends this class, declares
 * its table once as a {@link TableSpec}, and serves {@code list}, {@code retrieve}
 * ({@code details}), {@code create}, {@code update} ({@code edit}) and {@code delete}
 * over it. Only declared columns are read from a request; other keys are ignored.
 * Subclasses add checks and side effects through the {@code before*}/{@code after*} hooks
 * and {@link #validate}; the {@code before*} hooks also get the {@link Caller}, so an
 * ownership rule lives in the subclass, next to its table.
 */
public abstract class GenericService {

	private final TableSpec spec;

	private final TableGateway table;

	protected GenericService(JdbcClient jdbc, TableSpec spec) {
		this.spec = spec;
		this.table = new TableGateway(jdbc, spec);
	}

	/** The declared table; public so API docs can list the columns each action takes. */
	public final TableSpec spec() {
		return spec;
	}

	/**
	 * A plain array of rows (at most {@code maxListRows}), or with
	 * {@code limit}/{@code offset} one page.
	 */
	@Action
	public Object list(ObjectNode params) {
		FieldErrors errors = new FieldErrors();
		Map<String, Object> filters = filters(params, errors);
		Sort sort = Sort.from(params, spec.sortColumns(), spec.keyColumn(), errors);
		Optional<PageRequest> page = PageRequest.from(params, spec.defaultLimit(), spec.maxListRows(), errors);
		errors.throwIfAny();
		if (page.isEmpty()) {
			return table.select(filters, sort, spec.maxListRows(), 0);
		}
		List<Map<String, Object>> rows = table.select(filters, sort, page.get().limit(), page.get().offset());
		return new Page<>(rows, page.get(), table.count(filters)).toMap("results");
	}

	/**
	 * Pionia's {@code random}: rows picked at random among those the filters match, as
	 * many as {@code size} (or {@code limit}) asks, 1 by default. One row is answered as
	 * an object ({@code null} when none matches), more as an array.
	 * <p>
	 * Not an action until a subclass opts in, as Pionia's {@code RandomMixin} is, by
	 * overriding it with {@code @Action}: a service that guards or narrows {@code list}
	 * must not find its rows served by an action it never declared.
	 */
	public Object random(ObjectNode params) {
		FieldErrors errors = new FieldErrors();
		Map<String, Object> filters = filters(params, errors);
		int size = RandomSize.from(params, spec.maxListRows(), errors);
		errors.throwIfAny();
		List<Map<String, Object>> rows = table.random(filters, size);
		if (size == 1) {
			return rows.isEmpty() ? null : rows.get(0);
		}
		return rows;
	}

	/** The row whose key the request names. */
	@Action(aliases = "details")
	public Map<String, Object> retrieve(ObjectNode params) {
		return load(key(params));
	}

	/**
	 * Inserts the declared create columns and answers the stored row, read back by its
	 * key.
	 */
	@Action
	public Map<String, Object> create(ObjectNode params, Caller caller) {
		FieldErrors errors = new FieldErrors();
		Map<String, Object> row = new LinkedHashMap<>();
		for (TableSpec.Field field : spec.createColumns()) {
			Object value = Values.coerce(params.get(field.name()), spec.typeOf(field.name()), field.name(), errors);
			if (field.required() && isBlank(value) && !errors.has(field.name())) {
				errors.add(field.name(), field.name() + " is required");
			}
			else if (params.has(field.name())) {
				row.put(field.name(), value);
			}
		}
		validate(row, errors);
		errors.throwIfAny();
		Object key = table.insert(beforeCreate(row, caller));
		return afterCreate(load(key));
	}

	/**
	 * Changes the declared update columns the request sends; answers {@code {Singular}
	 * updated successfully}.
	 */
	@Action(aliases = "edit")
	public Envelope update(ObjectNode params, Caller caller) {
		Object key = key(params);
		FieldErrors errors = new FieldErrors();
		Map<String, Object> changes = new LinkedHashMap<>();
		for (String column : spec.updateColumns()) {
			if (params.has(column)) {
				changes.put(column, Values.coerce(params.get(column), spec.typeOf(column), column, errors));
			}
		}
		validate(changes, errors);
		errors.throwIfAny();
		Map<String, Object> existing = load(key);
		changes = beforeUpdate(existing, changes, caller);
		if (!changes.isEmpty() && table.update(key, changes) == 0) {
			throw notFound(key);
		}
		return Envelope.ok(spec.singular() + " updated successfully", afterUpdate(load(key)));
	}

	/**
	 * Deletes the row; answers {@code {Singular} deleted successfully} with the row as it
	 * was.
	 */
	@Action
	public Envelope delete(ObjectNode params, Caller caller) {
		Object key = key(params);
		Map<String, Object> row = load(key);
		beforeDelete(row, caller);
		if (table.delete(key) == 0) {
			throw notFound(key);
		}
		return Envelope.ok(spec.singular() + " deleted successfully", afterDelete(row));
	}

	/**
	 * Checks the values of a create or update (only the columns the request sent) and
	 * adds a message per failing field; all of them reach the client together with any
	 * missing required column. Does nothing by default.
	 */
	protected void validate(Map<String, Object> values, FieldErrors errors) {
	}

	/**
	 * Runs before the insert, for {@code caller}; may change the row or throw to abort.
	 */
	protected Map<String, Object> beforeCreate(Map<String, Object> row, Caller caller) {
		return row;
	}

	/** Runs after the insert; what it returns becomes {@code returnData}. */
	protected Map<String, Object> afterCreate(Map<String, Object> created) {
		return created;
	}

	/**
	 * Runs before the update with the stored row, for {@code caller}; may change the
	 * changes or throw to abort.
	 */
	protected Map<String, Object> beforeUpdate(Map<String, Object> existing, Map<String, Object> changes,
			Caller caller) {
		return changes;
	}

	/** Runs after the update; what it returns becomes {@code returnData}. */
	protected Map<String, Object> afterUpdate(Map<String, Object> updated) {
		return updated;
	}

	/** Runs before the delete with the stored row, for {@code caller}; throw to abort. */
	protected void beforeDelete(Map<String, Object> row, Caller caller) {
	}

	/** Runs after the delete; what it returns becomes {@code returnData}. */
	protected Map<String, Object> afterDelete(Map<String, Object> deleted) {
		return deleted;
	}

	/** The stored row with this key, or a 404 naming it. */
	protected final Map<String, Object> load(Object key) {
		return table.find(key).orElseThrow(() -> notFound(key));
	}

	private Object key(JsonNode params) {
		String column = spec.keyColumn();
		FieldErrors errors = new FieldErrors();
		Object key = Values.coerce(params.get(column), spec.typeOf(column), column, errors);
		if (key == null && errors.isEmpty()) {
			throw UnprocessableException.of(column, column + " is required");
		}
		errors.throwIfAny();
		return key;
	}

	private Map<String, Object> filters(JsonNode params, FieldErrors errors) {
		Map<String, Object> filters = new LinkedHashMap<>();
		for (String column : spec.filterColumns()) {
			if (params.has(column)) {
				filters.put(column, Values.coerce(params.get(column), spec.typeOf(column), column, errors));
			}
		}
		return filters;
	}

	private NotFoundException notFound(Object key) {
		return new NotFoundException(spec.singular() + " with " + spec.keyColumn() + " " + key + " not found");
	}

	private static boolean isBlank(Object value) {
		return value == null || (value instanceof String text && text.isBlank());
	}

}
