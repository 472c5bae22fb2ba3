// What the caller may do, so the board offers only that. The same rules as
// the server's (TaskRules, the project service), read from the login's claims
// (email, permissions) and the projects' owners; the server still decides, and
// a refusal it sends (say, after a project changed owner) is shown as such.

export const TASK_MANAGE = "task.manage";
export const PROJECT_MANAGE = "project.manage";
const CLOSED = new Set(["done", "archived"]);

export class Rules {
  constructor(me, projects) {
    this.me = me;
    this.projects = projects;
  }

  get loggedIn() {
    return Boolean(this.me);
  }

  can(permission) {
    return Boolean(this.me) && this.me.permissions.includes(permission);
  }

  isMe(email) {
    return Boolean(this.me && email) && this.me.email.toLowerCase() === String(email).toLowerCase();
  }

  ownerOf(projectId) {
    const project = projectId == null ? null : this.projects.get(Number(projectId));
    return project ? project.owner : null;
  }

  /** Filing a task under the project, or moving one there. */
  mayFileUnder(projectId) {
    if (!this.loggedIn) {
      return false;
    }
    if (projectId == null || projectId === "" || this.can(PROJECT_MANAGE)) {
      return true;
    }
    const owner = this.ownerOf(projectId);
    return owner == null || this.isMe(owner);
  }

  /** Any change to the task (its project's members, its assignee). */
  mayChange(task) {
    return this.loggedIn && (this.isMe(task.assignee) || this.mayFileUnder(task.project_id));
  }

  mayMoveTo(task, status) {
    if (!this.mayChange(task)) {
      return false;
    }
    return !CLOSED.has(status) || this.isMe(task.assignee) || this.can(TASK_MANAGE);
  }

  mayReassign(task) {
    return this.mayChange(task)
      && (this.isMe(task.assignee) || this.can(TASK_MANAGE) || this.isMe(this.ownerOf(task.project_id)));
  }

  mayDelete(task) {
    return this.can(TASK_MANAGE) && this.mayFileUnder(task.project_id);
  }

  mayEditProject(project) {
    return this.can(PROJECT_MANAGE) || (project.owner != null && this.isMe(project.owner));
  }
}
