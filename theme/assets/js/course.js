// A course page: marks each step passed, in progress or not started, and points the main button at the next step.

import { stepState } from "./progress.js";

const MARKERS = {
  passed: { icon: "✓", label: "Passed" },
  started: { icon: "◐", label: "In progress" },
  todo: { icon: "○", label: "Not started" },
};

function start() {
  const items = [...document.querySelectorAll(".step-item[data-lesson]")];
  let passed = 0;
  let nextItem = null;
  for (const item of items) {
    const state = stepState(item.dataset.lesson);
    item.dataset.progress = state;
    item.querySelector(".progress-icon").textContent = MARKERS[state].icon;
    item.querySelector(".progress-label").textContent = MARKERS[state].label;
    if (state === "passed") passed += 1;
    else nextItem ??= item;
  }

  const summary = document.getElementById("course-progress");
  if (summary && passed > 0) summary.textContent = `${passed} of ${items.length} steps passed`;
  const button = document.getElementById("course-continue");
  if (button && passed > 0) {
    if (nextItem) {
      const position = nextItem.querySelector(".step-number")?.textContent ?? "";
      const title = nextItem.querySelector(".step-title")?.textContent ?? "";
      button.href = nextItem.querySelector("a").href;
      button.textContent = `Continue with step ${position}: ${title}`;
    } else {
      button.textContent = "Course complete — review step 1";
    }
  }
}

start();
