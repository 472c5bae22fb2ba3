// The DeskFlow board: logs in, shows the tasks in their columns, and changes
// them through the envelope API; live.js keeps it current over the WebSocket.

import { ApiError, call, claims, setToken, token } from "./api.js";
import { clearError, showError } from "./errors.js";
import { Rules } from "./rules.js";
import { STATUSES, matches, place, renderCard } from "./cards.js";
import { enableDrag } from "./drag.js";
import { Editor } from "./editor.js";
import { Live } from "./live.js";
import { enableNewProject, showProjects } from "./projects.js";

const $ = (selector) => document.querySelector(selector);

export const state = {
  tasks: new Map(),
  projects: new Map(),
  filters: { project: "", assignee: "", search: "", archived: false },
  rules: new Rules(null, new Map()),
  // The assignment mail's job per task id, shown on the card until it is done.
  jobs: new Map(),
};

/** Called with every task that changed (here or elsewhere) and with deletions. */
export function upsert(task) {
  state.tasks.set(task.id, task);
  if (task.project_id != null && !state.projects.has(Number(task.project_id)) && state.rules.loggedIn) {
    // A project made since the board loaded: its name and owner decide the card.
    loadProjects().then(() => draw(task), () => {});
  }
  draw(task);
  counts();
  assigneeChoices();
}

export function remove(id) {
  state.tasks.delete(id);
  const old = cardOf(id);
  if (old) {
    old.remove();
  }
  counts();
}

export function cardOf(id) {
  return document.querySelector(`[data-testid=task-card][data-task-id="${id}"]`);
}

function draw(task) {
  const old = cardOf(task.id);
  const name = projectName(task.project_id);
  if (!matches(task, state.filters, name)) {
    if (old) {
      old.remove();
    }
    return;
  }
  const card = renderCard(task, state.rules, name, state.jobs.get(task.id));
  const focused = old && old.contains(document.activeElement) ? document.activeElement.dataset.action : null;
  if (old && old.dataset.status === task.status) {
    old.replaceWith(card);
  } else {
    if (old) {
      old.remove();
    }
    place($("#columns"), card, task.status);
  }
  if (focused) {
    const again = card.querySelector(`[data-action="${focused}"]`);
    (again && !again.disabled ? again : card.querySelector("select")).focus();
  }
}

export function redraw() {
  document.querySelectorAll("#columns .cards").forEach((list) => list.replaceChildren());
  [...state.tasks.values()].sort((a, b) => a.id - b.id).forEach(draw);
  counts();
}

function counts() {
  for (const status of STATUSES) {
    const column = document.querySelector(`#columns [data-status="${status}"]`);
    column.querySelector("[data-count]").textContent = String(column.querySelector(".cards").children.length);
  }
}

export function projectName(id) {
  const project = id == null ? null : state.projects.get(Number(id));
  return project ? project.name : id == null ? "" : `Project ${id}`;
}

export async function loadTasks() {
  const data = await call("task", "list");
  state.tasks = new Map(data.tasks.map((task) => [task.id, task]));
  redraw();
  assigneeChoices();
}

export async function loadProjects() {
  const data = await call("project", "list");
  const rows = Array.isArray(data) ? data : data.projects || data.items || [];
  state.projects = new Map(rows.map((project) => [Number(project.id), project]));
  state.rules = new Rules(claims(), state.projects);
  projectChoices();
}

function projectChoices() {
  document.querySelectorAll("select.project-select").forEach((select) => {
    const keep = select.value;
    const first = select.options[0];
    const rows = [...state.projects.values()].filter((p) => select.id !== "new-task-project"
      || state.rules.mayFileUnder(p.id));
    select.replaceChildren(first, ...rows.map((p) => new Option(p.name, String(p.id))));
    select.value = [...select.options].some((o) => o.value === keep) ? keep : "";
  });
}

function assigneeChoices() {
  const select = $("#filter-assignee");
  const keep = select.value;
  const emails = [...new Set([...state.tasks.values()].map((t) => t.assignee).filter(Boolean))].sort();
  select.replaceChildren(new Option("Anyone", ""), new Option("Unassigned", "-"),
    ...emails.map((email) => new Option(email, email)));
  select.value = [...select.options].some((o) => o.value === keep) ? keep : "";
}

/** A change the board asks for; its refusal is shown in the slot next to it. */
export async function act(slot, work, form) {
  clearError(slot, form);
  try {
    return await work();
  } catch (failure) {
    if (failure instanceof ApiError && failure.code === 401 && state.rules.loggedIn) {
      // The login ran out or is no longer accepted: back to the login form,
      // which says why.
      signedOut(failure);
      return null;
    }
    showError(slot, failure, form);
    return null;
  }
}

async function showBoard() {
  const me = claims();
  document.querySelectorAll("[data-when=in]").forEach((node) => (node.hidden = !me));
  document.querySelectorAll("[data-when=out]").forEach((node) => (node.hidden = Boolean(me)));
  $("#projects").hidden = true;
  document.querySelectorAll("[data-view]").forEach((t) => t.setAttribute("aria-pressed", String(t.dataset.view === "board")));
  if (!me) {
    $("#login-email").focus();
    return;
  }
  $("#who-name").textContent = me.name || me.email;
  await act($("#board-error"), async () => {
    await loadProjects();
    await loadTasks();
  });
  document.dispatchEvent(new CustomEvent("deskflow:signed-in"));
}

function signedOut(reason) {
  setToken(null);
  state.tasks.clear();
  state.jobs.clear();
  state.rules = new Rules(null, state.projects);
  redraw();
  document.dispatchEvent(new CustomEvent("deskflow:signed-out"));
  showBoard();
  if (reason) {
    showError($("#auth"), reason, $("#login-form"));
  }
}

function fields(form) {
  return Object.fromEntries(new FormData(form).entries());
}

$("#login-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const form = event.target;
  const data = await act(form.parentElement, () => call("member", "login", fields(form)), form);
  if (data) {
    setToken(data.token);
    form.reset();
    await showBoard();
  }
});

$("#register-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const form = event.target;
  const sent = fields(form);
  const slot = form.parentElement;
  const registered = await act(slot, () => call("member", "register", sent), form);
  if (!registered) {
    return;
  }
  const data = await act(slot, () => call("member", "login", { email: sent.email, password: sent.password }), form);
  if (data) {
    setToken(data.token);
    form.reset();
    await showBoard();
  }
});

$("#logout").addEventListener("click", () => signedOut());

/** Shows (or, with null, hides) the job of a task's assignment mail. */
function job(taskId, current) {
  if (current) {
    state.jobs.set(taskId, current);
  } else {
    state.jobs.delete(taskId);
  }
  const task = state.tasks.get(taskId);
  if (task) {
    draw(task);
  }
}

const editor = new Editor($("#editor"), { state, upsert, remove, job, loadProjects });

const live = new Live({
  token,
  expired: () => signedOut(new ApiError(401, "Your login has expired. Log in again.")),
  upsert: (task) => state.rules.loggedIn && upsert(task),
  remove: (id) => remove(id),
  resync: () => act($("#board-error"), loadTasks),
  status: (text, on) => {
    $("#live").textContent = text;
    $("#live").classList.toggle("on", on);
  },
});
document.addEventListener("deskflow:signed-in", () => live.start());
document.addEventListener("deskflow:signed-out", () => live.stop());

$("#new-task").addEventListener("submit", async (event) => {
  event.preventDefault();
  const form = event.target;
  const sent = { title: form.elements.title.value.trim() };
  if (form.elements.project_id.value) {
    sent.project_id = Number(form.elements.project_id.value);
  }
  const data = await act($("#board-error"), () => call("task", "create", sent), form);
  if (data) {
    upsert(data.task);
    form.elements.title.value = "";
    form.elements.title.focus();
  }
});

/** Moves a task (status menu, drag and drop); the card shows a refusal. */
export async function move(id, status) {
  const task = state.tasks.get(id);
  const card = cardOf(id);
  if (!task || task.status === status || !card) {
    return;
  }
  const slot = card.querySelector(".error-slot");
  const data = await act(slot, () => call("task", "update", { id, status }));
  if (data) {
    upsert(data.task);
  } else {
    // The menu shows what is stored, not what was refused; the message stays.
    const select = card.querySelector("[data-testid=task-status]");
    select.value = task.status;
  }
}

$("#columns").addEventListener("click", async (event) => {
  const control = event.target.closest("button[data-action]");
  const card = control && control.closest("[data-task-id]");
  const task = card && state.tasks.get(Number(card.dataset.taskId));
  if (!task) {
    return;
  }
  const slot = card.querySelector(".error-slot");
  switch (control.dataset.action) {
    case "edit":
      editor.edit(task, control);
      break;
    case "assign":
      editor.assign(task, control);
      break;
    case "delete":
      editor.confirmDelete(task, control);
      break;
    case "close": {
      const data = await act(slot, () => call("task", "close", { id: task.id }));
      if (data) {
        upsert(data.task);
      }
      break;
    }
    default:
  }
});

enableDrag($("#columns"), move);

document.querySelectorAll("[data-view]").forEach((tab) => tab.addEventListener("click", () => {
  const view = tab.dataset.view;
  document.querySelectorAll("[data-view]").forEach((t) => t.setAttribute("aria-pressed", String(t === tab)));
  $("#board").hidden = view !== "board";
  $("#projects").hidden = view !== "projects";
  if (view === "projects") {
    showProjects({ state, loadProjects }, editor);
  } else {
    act($("#board-error"), async () => {
      await loadProjects();
      redraw();
    });
  }
}));
enableNewProject({ state, loadProjects }, editor);

$("#columns").addEventListener("change", (event) => {
  const select = event.target;
  if (select.dataset.action === "status") {
    move(Number(select.closest("[data-task-id]").dataset.taskId), select.value);
  }
});

const filters = () => {
  state.filters.project = $("#filter-project").value;
  state.filters.assignee = $("#filter-assignee").value;
  state.filters.search = $("#search").value;
  state.filters.archived = $("#show-archived").checked;
  document.querySelector('#columns [data-status="archived"]').hidden = !state.filters.archived;
  $("#columns").classList.toggle("with-archived", state.filters.archived);
  redraw();
};
["#filter-project", "#filter-assignee", "#show-archived"].forEach((id) => $(id).addEventListener("change", filters));
$("#search").addEventListener("input", filters);

showBoard();
