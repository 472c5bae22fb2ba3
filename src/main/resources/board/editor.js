// The task dialog: edit (title, description, due date, project), assign (then
// the assignment mail's job is followed until it is done), and the delete
// confirmation. One <dialog>, built for each use; Escape and Cancel close it
// and give the focus back to the control that opened it.

import { call } from "./api.js";
import { button, element } from "./cards.js";
import { clearError, showError } from "./errors.js";

const POLL_MS = 500;
const POLL_LIMIT = 240;

export class Editor {
  /** @param board state, upsert(task), remove(id), job(taskId, job) */
  constructor(dialog, board) {
    this.dialog = dialog;
    this.board = board;
    dialog.addEventListener("close", () => refocus(this.opener));
  }

  edit(task, opener) {
    const form = this.open(`Edit “${task.title}”`, opener);
    form.append(
      field("Title", input("title", task.title, { required: true, maxLength: 200 })),
      field("Description", textarea("description", task.description || "")),
      field("Due date", input("due_date", task.due_date || "", { type: "date" })),
      field("Project", this.projects(task)),
    );
    this.finish(form, "Save", async () => {
      const changes = diff(task, form);
      if (Object.keys(changes).length === 0) {
        return true;
      }
      const data = await call("task", "update", { id: task.id, ...changes });
      this.board.upsert(data.task);
      return true;
    });
  }

  assign(task, opener) {
    const form = this.open(`Assign “${task.title}”`, opener);
    const email = input("assignee", task.assignee || "", { type: "email", required: true, autocomplete: "off" });
    const known = document.createElement("datalist");
    known.id = "known-members";
    const emails = new Set([...this.board.state.tasks.values()].map((t) => t.assignee).filter(Boolean));
    emails.forEach((value) => known.append(new Option(value, value)));
    email.setAttribute("list", known.id);
    form.append(field("Assignee's email", email), known);
    this.finish(form, "Assign", async () => {
      const data = await call("task", "assign", { id: task.id, assignee: email.value.trim() });
      this.board.upsert(data.task);
      this.follow(data.task.id, data.job_id);
      return true;
    });
  }

  confirmDelete(task, opener) {
    const form = this.open(`Delete “${task.title}”?`, opener);
    form.append(element("p", "note", "The task is removed for everyone. This cannot be undone."));
    this.finish(form, "Delete", async () => {
      const data = await call("task", "delete", { id: task.id });
      this.board.remove(data.task.id);
      return true;
    }, "danger");
  }

  /** A project's name, description and owner (the owner only with project.manage). */
  editProject(project, opener, saved) {
    const form = this.open(project.id ? `Edit project “${project.name}”` : "New project", opener);
    form.append(
      field("Name", input("name", project.name || "", { required: true, maxLength: 200 })),
      field("Description", textarea("description", project.description || "")),
    );
    if (this.board.state.rules.can("project.manage")) {
      form.append(field("Owner's email", input("owner", project.owner || "", { type: "email" })));
    }
    this.finish(form, "Save", async () => {
      const sent = { name: form.elements.name.value.trim(), description: form.elements.description.value.trim() };
      if (form.elements.owner && form.elements.owner.value.trim()) {
        sent.owner = form.elements.owner.value.trim();
      }
      const action = project.id ? "update" : "create";
      await call("project", action, project.id ? { id: project.id, ...sent } : sent);
      await saved();
      return true;
    });
  }

  /** Shows the job's status on the card until the mail is sent or fails. */
  async follow(taskId, jobId) {
    let job = { job_id: jobId, status: "queued" };
    this.board.job(taskId, job);
    for (let polls = 0; polls < POLL_LIMIT && !["done", "failed"].includes(job.status); polls++) {
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      try {
        job = await call("jobs", "status", { job_id: jobId });
      } catch (failure) {
        job = { job_id: jobId, status: "unknown", last_error: failure.message };
        break;
      }
      this.board.job(taskId, job);
    }
    this.board.job(taskId, job);
    setTimeout(() => this.board.job(taskId, null), job.status === "done" ? 4000 : 15000);
  }

  open(title, opener) {
    this.opener = opener;
    const heading = element("h2", null, title);
    heading.id = "editor-title";
    const form = document.createElement("form");
    form.className = "stack";
    form.noValidate = true;
    this.dialog.replaceChildren(heading, form);
    return form;
  }

  finish(form, label, work, kind) {
    const slot = element("div", "error-slot");
    const save = element("button", kind || "primary", label);
    save.type = "submit";
    save.dataset.action = "confirm";
    const cancel = button("Cancel", "cancel", "Cancel");
    cancel.addEventListener("click", () => this.dialog.close());
    const bar = element("div", "dialog-actions");
    bar.append(cancel, save);
    form.append(slot, bar);
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      clearError(slot, form);
      save.disabled = true;
      try {
        if (await work()) {
          this.dialog.close();
        }
      } catch (failure) {
        showError(slot, failure, form);
      } finally {
        save.disabled = false;
      }
    });
    this.dialog.showModal();
    const first = form.querySelector("input, textarea, select, button[type=submit]");
    if (first) {
      first.focus();
    }
  }

  projects(task) {
    const select = document.createElement("select");
    select.name = "project_id";
    select.append(new Option("No project", ""));
    for (const project of this.board.state.projects.values()) {
      if (project.id === task.project_id || this.board.state.rules.mayFileUnder(project.id)) {
        select.append(new Option(project.name, String(project.id)));
      }
    }
    select.value = task.project_id == null ? "" : String(task.project_id);
    return select;
  }
}

/**
 * Back to the control that opened the dialog; when its card was redrawn
 * meanwhile (the change itself, a live event), to the same control on the new
 * card, or the card's status menu.
 */
function refocus(opener) {
  if (!opener) {
    return;
  }
  if (opener.isConnected) {
    opener.focus();
    return;
  }
  const card = opener.closest("[data-task-id]");
  const again = card && document.querySelector(`[data-testid=task-card][data-task-id="${card.dataset.taskId}"]`);
  if (again) {
    (again.querySelector(`[data-action="${opener.dataset.action}"]`) || again.querySelector("select")).focus();
  }
}

/** Only what the form changed; an emptied field clears it (null). */
function diff(task, form) {
  const changes = {};
  const title = form.elements.title.value.trim();
  if (title !== task.title) {
    changes.title = title;
  }
  const description = form.elements.description.value.trim();
  if (description !== (task.description || "")) {
    changes.description = description || null;
  }
  const due = form.elements.due_date.value;
  if (due !== (task.due_date || "")) {
    changes.due_date = due || null;
  }
  const project = form.elements.project_id.value;
  if (project !== (task.project_id == null ? "" : String(task.project_id))) {
    changes.project_id = project ? Number(project) : null;
  }
  return changes;
}

let fields = 0;

function field(text, control) {
  fields += 1;
  control.id = control.id || `editor-field-${fields}`;
  const label = element("label", null, text);
  label.htmlFor = control.id;
  const wrap = document.createElement("div");
  wrap.className = "stack";
  wrap.append(label, control);
  return wrap;
}

function input(name, value, options = {}) {
  const control = document.createElement("input");
  control.name = name;
  control.value = value;
  Object.assign(control, options);
  return control;
}

function textarea(name, value) {
  const control = document.createElement("textarea");
  control.name = name;
  control.value = value;
  control.maxLength = 2000;
  return control;
}
