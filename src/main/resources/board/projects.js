// The projects view: each project with its tasks per status
// (project.summary), and create or edit where the caller may.

import { call } from "./api.js";
import { LABELS, STATUSES, button, element } from "./cards.js";
import { clearError, showError } from "./errors.js";

export async function showProjects(board, editor) {
  const list = document.querySelector("#project-list");
  const slot = document.querySelector("#projects-error");
  clearError(slot);
  try {
    await board.loadProjects();
    const projects = [...board.state.projects.values()];
    const summaries = await Promise.all(projects.map((p) => call("project", "summary", { project_id: p.id })));
    list.replaceChildren(...projects.map((project, i) => item(project, summaries[i], board, editor)));
  } catch (failure) {
    showError(slot, failure);
  }
  document.querySelector("#new-project").hidden = !board.state.rules.loggedIn;
}

function item(project, summary, board, editor) {
  const card = element("li", "project-item");
  card.dataset.projectId = String(project.id);
  const title = element("h3", null, project.name);
  title.id = `project-${project.id}-name`;
  card.setAttribute("aria-labelledby", title.id);
  card.append(title);
  if (project.description) {
    card.append(element("p", null, project.description));
  }
  card.append(element("p", null, project.owner ? `Owner: ${project.owner}` : "No owner"));
  const tally = element("ul", "tally");
  tally.setAttribute("aria-label", `Tasks of ${project.name} per status, ${summary.total} in all`);
  for (const status of STATUSES) {
    tally.append(element("li", null, `${LABELS[status]}: ${summary.tasks_per_status[status] ?? 0}`));
  }
  card.append(tally);
  if (board.state.rules.mayEditProject(project)) {
    const edit = button("Edit", "edit-project", `Edit project ${project.name}`);
    edit.addEventListener("click", () => editor.editProject(project, edit, () => showProjects(board, editor)));
    card.append(edit);
  }
  return card;
}

export function enableNewProject(board, editor) {
  const form = document.querySelector("#new-project");
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const slot = document.querySelector("#projects-error");
    clearError(slot, form);
    const sent = { name: form.elements.name.value.trim() };
    if (form.elements.description.value.trim()) {
      sent.description = form.elements.description.value.trim();
    }
    try {
      await call("project", "create", sent);
      form.reset();
      await showProjects(board, editor);
    } catch (failure) {
      showError(slot, failure, form);
    }
  });
}
