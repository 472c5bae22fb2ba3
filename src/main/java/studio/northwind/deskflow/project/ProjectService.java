package studio.northwind.deskflow.project;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

import dev.moonlight.dispatch.Action;
import dev.moonlight.dispatch.Caller;
import dev.moonlight.dispatch.Envelope;
import dev.moonlight.dispatch.FieldErrors;
import dev.moonlight.dispatch.ForbiddenException;
import dev.moonlight.dispatch.MoonlightService;
import dev.moonlight.generic.GenericService;
import dev.moonlight.generic.TableSpec;
import dev.moonlight.security.Authenticated;
import dev.moonlight.security.Can;
import org.springframework.jdbc.core.simple.JdbcClient;
import studio.northwind.deskflow.member.CallerEmail;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code project} service: Pionia's generic CRUD over {@code projects} ({@code list},
 * {@code retrieve} / {@code details}, {@code random}, {@code create}, {@code update} /
 * {@code edit}, {@code delete}), with the columns declared once, plus {@code summary}.
 * Reading is public; writing needs a login (the service mark covers the inherited
 * actions); deleting needs {@value #MANAGE}. Ownership, checked in the hooks with the
 * caller: a new project is the caller's unless a holder of {@value #MANAGE} names another
 * owner, and only its owner or a holder of {@value #MANAGE} changes a project (its owner
 * included).
 */
@MoonlightService("project")
@Authenticated(except = { "list", "retrieve", "random", "summary" })
public class ProjectService extends GenericService {

	/** The permission to delete projects and to change any project. */
	static final String MANAGE = ProjectMembers.MANAGE;

	static final TableSpec PROJECTS = TableSpec.builder("projects")
		.list("id", "name", "description", "owner", "created_at")
		.create("name", "description?", "owner?")
		.update("name", "description", "owner")
		.filters("owner")
		.sortable("id", "name", "created_at")
		.build();

	/** The same loose shape {@code @Email} accepts: something, an at sign, something. */
	private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+");

	private final ProjectSummaryQuery summaries;

	ProjectService(JdbcClient jdbc, ProjectSummaryQuery summaries) {
		super(jdbc, PROJECTS);
		this.summaries = summaries;
	}

	/** Pionia's random pick, which a generic service offers only when it says so. */
	@Override
	@Action
	public Object random(ObjectNode params) {
		return super.random(params);
	}

	/** Overridden only to carry the permission; the generic delete does the work. */
	@Override
	@Action
	@Can(MANAGE)
	public Envelope delete(ObjectNode params, Caller caller) {
		return super.delete(params, caller);
	}

	@Override
	protected Map<String, Object> beforeCreate(Map<String, Object> row, Caller caller) {
		Object owner = row.get("owner");
		if (owner == null) {
			Map<String, Object> owned = new LinkedHashMap<>(row);
			owned.put("owner", CallerEmail.of(caller));
			return owned;
		}
		if (!CallerEmail.is(caller, owner) && !caller.can(MANAGE)) {
			throw new ForbiddenException("Only a member with " + MANAGE + " may create a project for another owner");
		}
		return row;
	}

	@Override
	protected Map<String, Object> beforeUpdate(Map<String, Object> existing, Map<String, Object> changes,
			Caller caller) {
		if (!CallerEmail.is(caller, existing.get("owner")) && !caller.can(MANAGE)) {
			throw new ForbiddenException("Only the owner of project " + existing.get("id") + " or a member with "
					+ MANAGE + " may change it");
		}
		return changes;
	}

	/**
	 * Tasks per status, of one project ({@code project_id}) or of all:
	 * {@code {"project_id", "total", "tasks_per_status": {"open": 2, "in_progress": 0,
	 * "done": 1, "archived": 0}}}, or 404 for an unknown project.
	 */
	@Action(message = "OK")
	public Map<String, Object> summary(SummaryParams params) {
		return summaries.summarise(params.projectId());
	}

	/**
	 * The column sizes of {@code V1__deskflow_schema.sql}, reported as 422s rather than
	 * database errors.
	 */
	@Override
	protected void validate(Map<String, Object> values, FieldErrors errors) {
		// Create reports a blank name itself; this catches an update that blanks or nulls
		// it.
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
