package studio.northwind.deskflow.project;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.moonlight.dispatch.Caller;
import studio.northwind.deskflow.member.CallerEmail;

/**
 * Who belongs to a project: its {@code owner}, the one member the schema records
 * (DeskFlow keeps no member list per project). A project without an owner has no members,
 * and so no rule about who files or changes its tasks. Holders of {@value #MANAGE} act as
 * members of every project.
 */
@Component
public class ProjectMembers {

	/**
	 * The permission to change any project and the tasks of any project, and to delete
	 * projects.
	 */
	public static final String MANAGE = "project.manage";

	private final JdbcClient jdbc;

	ProjectMembers(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Whether the caller may add, change or remove tasks of the project: always for no
	 * project, an unknown one (the {@link ExistingProject} constraint answers that) or
	 * one without an owner; otherwise only its owner or a holder of {@value #MANAGE}.
	 */
	public boolean mayChangeTasksOf(Long projectId, Caller caller) {
		if (projectId == null || caller.can(MANAGE)) {
			return true;
		}
		String owner = owner(projectId);
		return owner == null || CallerEmail.is(caller, owner);
	}

	/** Whether the caller owns the project; never for a project without an owner. */
	public boolean isOwner(long projectId, Caller caller) {
		return CallerEmail.is(caller, owner(projectId));
	}

	/** The project's owner, or {@code null} when it has none or does not exist. */
	private String owner(long projectId) {
		List<String> owners = jdbc.sql("SELECT owner FROM projects WHERE id = :id")
			.param("id", projectId)
			.query(String.class)
			.list();
		return owners.isEmpty() ? null : owners.get(0);
	}

}
