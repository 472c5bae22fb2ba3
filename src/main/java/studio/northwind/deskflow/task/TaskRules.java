package studio.northwind.deskflow.task;

import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.springframework.stereotype.Component;

import dev.moonlight.dispatch.Caller;
import dev.moonlight.dispatch.ForbiddenException;
import studio.northwind.deskflow.member.CallerEmail;
import studio.northwind.deskflow.project.ProjectMembers;

/**
 * Who may change a task, written once: every write of the {@code task} service asks here
 * with the change it is about to store, so an action cannot reach a state another action
 * guards ({@code close} is an update to {@code done}).
 * <ul>
 * <li>A task of a project with members is changed only by those members, its own assignee
 * or a holder of {@value ProjectMembers#MANAGE}; the same holds for the project a task is
 * filed under or moved to.</li>
 * <li>Reaching {@code done} or {@code archived}: the assignee or a holder of
 * {@value #MANAGE}.</li>
 * <li>Changing the assignee: the current assignee, the owner of the task's project, or a
 * holder of {@value #MANAGE}.</li>
 * </ul>
 * Ownership rules, so they live in the application rather than in a mark (which sees no
 * task).
 */
@Component
class TaskRules {

	/** The permission to close, reassign and delete any task. */
	static final String MANAGE = "task.manage";

	/** The statuses that end a task's life on the board. */
	static final Set<String> CLOSED = Set.of("done", "archived");

	private final ProjectMembers projects;

	TaskRules(ProjectMembers projects) {
		this.projects = projects;
	}

	/** A new task: only into a project the caller may file tasks under. */
	void checkCreate(Caller caller, Task task) {
		checkProject(caller, task.projectId());
	}

	/**
	 * A change of a stored task.
	 * @param task the task as stored
	 * @param changes the columns about to be set ({@link TaskRepository#COLUMNS})
	 * @throws ForbiddenException naming the rule the caller does not meet
	 */
	void checkChange(Caller caller, Task task, Map<String, Object> changes) {
		if (!isAssignee(caller, task)) {
			checkProject(caller, task.projectId());
		}
		if (changes.containsKey("project_id")) {
			checkProject(caller, (Long) changes.get("project_id"));
		}
		Object status = changes.get("status");
		if (status != null && CLOSED.contains(status) && !isAssignee(caller, task) && !caller.can(MANAGE)) {
			throw new ForbiddenException("Only the assignee of task " + task.id() + " or a member with " + MANAGE
					+ " may mark it " + status);
		}
		if (changes.containsKey("assignee") && !sameEmail(task.assignee(), changes.get("assignee"))
				&& !mayReassign(caller, task)) {
			throw new ForbiddenException("Only the assignee of task " + task.id() + ", the owner of its project or a"
					+ " member with " + MANAGE + " may reassign it");
		}
	}

	/**
	 * A delete: {@value #MANAGE} is checked by the action's mark; the project's members
	 * rule applies too.
	 */
	void checkDelete(Caller caller, Task task) {
		checkProject(caller, task.projectId());
	}

	private void checkProject(Caller caller, Long projectId) {
		if (!projects.mayChangeTasksOf(projectId, caller)) {
			throw new ForbiddenException("Only the members of project " + projectId + " or a member with "
					+ ProjectMembers.MANAGE + " may change its tasks");
		}
	}

	private boolean mayReassign(Caller caller, Task task) {
		return isAssignee(caller, task) || caller.can(MANAGE)
				|| (task.projectId() != null && projects.isOwner(task.projectId(), caller));
	}

	private static boolean isAssignee(Caller caller, Task task) {
		return CallerEmail.is(caller, task.assignee());
	}

	private static boolean sameEmail(String stored, Object sent) {
		return (stored == null || sent == null) ? Objects.equals(stored, sent)
				: stored.equalsIgnoreCase(sent.toString().strip());
	}

}
