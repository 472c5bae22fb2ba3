// Drag and drop between columns with pointer events, so mouse, pen and touch
// work alike (and WebDriver's pointer actions drive it). A press on a card
// (not on its controls) that moves more than a few pixels starts a drag; the column under the
// pointer on release gets the task. The keyboard does the same with the
// card's status menu.

const THRESHOLD = 6;

export function enableDrag(columns, drop) {
  let drag = null;

  columns.addEventListener("pointerdown", (event) => {
    const card = event.target.closest("[data-testid=task-card]");
    if (!card || event.button !== 0 || card.dataset.movable !== "true"
      || event.target.closest("button, select, input, textarea, a, label")) {
      return;
    }
    drag = { card, x: event.clientX, y: event.clientY, ghost: null, pointer: event.pointerId };
    card.setPointerCapture(event.pointerId);
    event.preventDefault();
  });

  columns.addEventListener("pointermove", (event) => {
    if (!drag || event.pointerId !== drag.pointer) {
      return;
    }
    if (!drag.ghost) {
      if (Math.hypot(event.clientX - drag.x, event.clientY - drag.y) < THRESHOLD) {
        return;
      }
      drag.ghost = drag.card.cloneNode(true);
      drag.ghost.classList.add("ghost");
      drag.ghost.removeAttribute("data-testid");
      drag.ghost.setAttribute("aria-hidden", "true");
      document.body.append(drag.ghost);
      drag.card.classList.add("dragging");
    }
    drag.ghost.style.transform = `translate(${event.clientX + 8}px, ${event.clientY + 8}px) rotate(2deg)`;
    highlight(target(event));
  });

  const finish = (event, cancelled) => {
    if (!drag || event.pointerId !== drag.pointer) {
      return;
    }
    const { card, ghost } = drag;
    const column = cancelled || !ghost ? null : target(event);
    drag = null;
    highlight(null);
    card.classList.remove("dragging");
    if (ghost) {
      ghost.remove();
    }
    if (column && column.dataset.status !== card.dataset.status) {
      drop(Number(card.dataset.taskId), column.dataset.status);
    }
  };
  columns.addEventListener("pointerup", (event) => finish(event, false));
  columns.addEventListener("pointercancel", (event) => finish(event, true));

  function target(event) {
    const under = document.elementFromPoint(event.clientX, event.clientY);
    const column = under && under.closest(".column");
    return column && columns.contains(column) && !column.hidden ? column : null;
  }

  function highlight(column) {
    columns.querySelectorAll(".column.drop").forEach((c) => c !== column && c.classList.remove("drop"));
    if (column) {
      column.classList.add("drop");
    }
  }
}
