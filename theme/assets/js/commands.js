// The command index: a filter box that narrows the grouped list as you type. Without JavaScript the page is
// the plain list, and the box stays hidden.

const box = document.getElementById("command-filter-box");
const input = document.getElementById("command-filter");
const count = document.getElementById("command-filter-count");
const empty = document.getElementById("command-filter-empty");
const groups = [...document.querySelectorAll(".command-group")];
const total = document.querySelectorAll(".command-group .command-entry").length;

const words = (text) => text.toLowerCase().split(/\s+/).filter(Boolean);

function apply() {
  const query = words(input.value);
  let shown = 0;
  for (const group of groups) {
    let inGroup = 0;
    for (const entry of group.querySelectorAll(".command-entry")) {
      const text = `${entry.dataset.name} ${entry.textContent}`.toLowerCase();
      const match = query.every((word) => text.includes(word));
      entry.hidden = !match;
      if (match) inGroup += 1;
    }
    group.hidden = inGroup === 0;
    shown += inGroup;
  }
  empty.hidden = shown > 0;
  count.textContent = query.length
    ? `${shown} of ${total} commands match`
    : `${total} ${total === 1 ? "command" : "commands"}`;
  const url = new URL(window.location.href);
  if (input.value) url.searchParams.set("q", input.value);
  else url.searchParams.delete("q");
  window.history.replaceState(null, "", url);
}

if (box && input) {
  box.hidden = false;
  input.value = new URLSearchParams(window.location.search).get("q") ?? "";
  input.addEventListener("input", apply);
  input.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && input.value) {
      input.value = "";
      apply();
    } else if (event.key === "Enter") {
      // Enter opens the only (or first) command left.
      const first = document.querySelector(".command-group:not([hidden]) .command-entry:not([hidden]) a");
      if (first) window.location.href = first.href;
    }
  });
  if (input.value) apply();
}
