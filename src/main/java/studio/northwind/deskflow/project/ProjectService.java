package studio.northwind.deskflow.project;

import java.util.Map;
import java.util.regex.Pattern;

import dev.moonlight.dispatch.FieldErrors;
import dev.moonlight.dispatch.MoonlightService;
import dev.moonlight.generic.GenericService;
import dev.moonlight.generic.TableSpec;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The {@code project} service: Pionia's generic CRUD over {@code projects} ({@code list}, {@code retrieve} /
 * {@code details}, {@code create}, {@code update} / {@code edit}, {@code delete}), with the columns declared once.
 */
@MoonlightService("project")
public class ProjectService extends GenericService {

	static final TableSpec PROJECTS = TableSpec.builder("projects")
		.list("id", "name", "description", "owner", "created_at")
		.create("name", "description?", "owner?")
		.update("name", "description", "owner")
		.filters("owner")
		.sortable("id", "name", "created_at")
		.build();

	/** The same loose shape {@code @Email} accepts: something, an at sign, something. */
	private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+");

	ProjectService(JdbcClient jdbc) {
		super(jdbc, PROJECTS);
	}

	/** The column sizes of {@code V1__deskflow_schema.sql}, reported as 422s rather than database errors. */
	@Override
	protected void validate(Map<String, Object> values, FieldErrors errors) {
		// Create reports a blank name itself; this catches an update that blanks or nulls it.
		Object name = values.get("name");
		if (values.containsKey("name") && (name == null || name.toString().isBlank())) {
			errors.add("name", "name is required");
		}
		maxLength(values, "name", 200, errors);
		maxLength(values, "description", 2000, errors);
		maxLength(values, "owner", 254, errors);
		if (values.get("owner") instanceof String owner && !EMAIL.matcher(owner).matches()) {
			errors.add("owner", "owner must be a valid email address");
		}
	}

	private static void maxLength(Map<String, Object> values, String column, int max, FieldErrors errors) {
		if (values.get(column) instanceof String text && text.length() > max) {
			errors.add(column, column + " must not exceed " + max + " characters");
		}
	}

}
