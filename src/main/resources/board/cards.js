// The columns and their cards. A card is rebuilt whenever its task changes
// and put in its column in id order, so a card that moves never reorders the
// others; every control on it has an accessible name.

export const STATUSES = ["open", "in_progress", "done", "archived"];
export const LABELS = { open: "Open", in_progress: "In progress", done: "Done", archived: "Archived" };

/** The text a task is found by: title, description, assignee, project. */
export function matches(task, filters, projectName) {
  if (filters.project && String(task.project_id ?? "") !== filters.project) {
    return false;
  }
  if (filters.assignee === "-" ? task.assignee != null : filters.assignee && task.assignee !== filters.assignee) {
    return false;
  }
  if (!filters.archived && task.status === "archived") {
    return false;
  }
  const words = filters.search.trim().toLowerCase();
  if (!words) {
    return true;
  }
  const text = [task.title, task.description, task.assignee, projectName].join(" ").toLowerCase();
  return words.split(/\s+/).every((word) => text.includes(word));
}

/** A card for the task, with only the actions the rules allow. */
export function renderCard(task, rules, projectName, job) {
  const card = document.createElement("li");
  card.className = "card";
  card.dataset.testid = "task-card";
  card.dataset.taskId = String(task.id);
  card.dataset.status = task.status;
  const titleId = `task-${task.id}-title`;
  card.setAttribute("aria-labelledby", titleId);

  const title = element("h3", "card-title", task.title);
  title.id = titleId;
  card.append(title);

  const meta = element("p", "card-meta");
  const assignee = rules.mayReassign(task) ? element("button", "chip link", task.assignee || "Unassigned")
    : element("span", "chip", task.assignee || "Unassigned");
  assignee.dataset.testid = "task-assignee";
  if (assignee instanceof HTMLButtonElement) {
    assignee.type = "button";
    assignee.dataset.action = "assign";
    assignee.setAttribute("aria-label", `Assignee of ${task.title}: ${task.assignee || "nobody"}. Reassign`);
  }
  meta.append(assignee);
  if (projectName) {
    meta.append(element("span", "chip project", projectName));
  }
  if (task.due_date) {
    const due = element("time", "chip due", `Due ${task.due_date}`);
    due.dateTime = task.due_date;
    if (task.status !== "done" && task.status !== "archived" && task.due_date < today()) {
      due.classList.add("late");
    }
    meta.append(due);
  }
  card.append(meta);
  const bar = actions(task, rules);
  // Drag and drop offers what the status menu offers.
  card.dataset.movable = String(bar.querySelector("select").options.length > 1);
  card.append(bar);
  if (job) {
    card.append(jobLine(job));
  }
  const slot = element("div", "error-slot");
  card.append(slot);
  return card;
}

function actions(task, rules) {
  const bar = element("div", "card-actions");
  const label = document.createElement("label");
  label.className = "visually-hidden";
  label.htmlFor = `task-${task.id}-status`;
  label.textContent = `Status of ${task.title}`;
  const select = document.createElement("select");
  select.id = `task-${task.id}-status`;
  select.dataset.testid = "task-status";
  select.dataset.action = "status";
  for (const status of STATUSES) {
    if (status === task.status || rules.mayMoveTo(task, status)) {
      const option = new Option(LABELS[status], status, false, status === task.status);
      select.append(option);
    }
  }
  select.disabled = select.options.length < 2;
  bar.append(label, select);
  if (rules.mayChange(task)) {
    bar.append(button("Edit", "edit", `Edit ${task.title}`));
  }
  if (task.status !== "done" && task.status !== "archived" && rules.mayMoveTo(task, "done")) {
    bar.append(button("Close", "close", `Close ${task.title}`));
  }
  if (rules.mayDelete(task)) {
    bar.append(button("Delete", "delete", `Delete ${task.title}`, "danger"));
  }
  return bar;
}

const JOB_TEXT = {
  queued: "Assignment mail queued",
  running: "Sending the assignment mail",
  done: "Assignment mail sent",
  failed: "The assignment mail failed",
};

function jobLine(job) {
  const text = JOB_TEXT[job.status] || `Assignment mail: ${job.status}`;
  const line = element("p", "job", job.last_error && job.status !== "done" ? `${text}: ${job.last_error}` : text);
  line.dataset.testid = "task-job";
  line.dataset.state = job.status;
  line.setAttribute("role", "status");
  return line;
}

/** Puts the card in its column, before the first card with a larger id. */
export function place(columns, card, status) {
  const list = columns.querySelector(`[data-status="${status}"] .cards`);
  const id = Number(card.dataset.taskId);
  const after = [...list.children].find((other) => Number(other.dataset.taskId) > id);
  list.insertBefore(card, after || null);
}

export function button(text, action, name, kind) {
  const control = element("button", kind || "quiet", text);
  control.type = "button";
  control.dataset.action = action;
  control.setAttribute("aria-label", name);
  return control;
}

export function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) {
    node.className = className;
  }
  if (text != null) {
    node.textContent = text;
  }
  return node;
}

function today() {
  return new Date().toISOString().slice(0, 10);
}
