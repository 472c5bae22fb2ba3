// Readable refusals next to what caused them. An element [data-testid=error]
// exists only while it holds a message (role=alert, so screen readers hear
// it); a field the envelope names gets aria-invalid and its own message.

import { ApiError } from "./api.js";

/** Shows the error in the slot (an element reserved beside a form or action). */
export function showError(slot, failure, form) {
  clearError(slot, form);
  const message = failure instanceof ApiError || failure instanceof Error ? failure.message : String(failure);
  const box = document.createElement("p");
  box.className = "error";
  box.setAttribute("role", "alert");
  box.dataset.testid = "error";
  box.dataset.code = failure instanceof ApiError ? String(failure.code) : "";
  box.textContent = message;
  slot.append(box);
  if (form && failure instanceof ApiError) {
    markFields(form, failure.fields, box);
  }
  return box;
}

export function clearError(slot, form) {
  slot.querySelectorAll("[data-testid=error]").forEach((old) => old.remove());
  if (form) {
    form.querySelectorAll("[aria-invalid]").forEach((field) => {
      field.removeAttribute("aria-invalid");
      field.removeAttribute("aria-describedby");
    });
    form.querySelectorAll(".field-error").forEach((old) => old.remove());
  }
}

/** Each named field: marked invalid, with its messages right after it. */
function markFields(form, fields, box) {
  let first = null;
  for (const [name, messages] of Object.entries(fields || {})) {
    const field = form.elements.namedItem(name);
    if (!(field instanceof HTMLElement)) {
      continue;
    }
    const text = [].concat(messages).join("; ");
    field.setAttribute("aria-invalid", "true");
    if (text === box.textContent) {
      // The message above says it already; the field points to it.
      box.id = box.id || `${form.id || "form"}-error`;
      field.setAttribute("aria-describedby", box.id);
    } else {
      const note = document.createElement("span");
      note.className = "field-error";
      note.id = `${field.id || name}-error`;
      note.textContent = text;
      field.after(note);
      field.setAttribute("aria-describedby", note.id);
    }
    first = first || field;
  }
  if (first) {
    first.focus();
  }
}
